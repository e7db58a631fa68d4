package org.bioinstruct.shards;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.bioinstruct.schemas.topics.DlqHeaders;

/** A dead letter as a DLQ record: the original key and value bytes, the error and source in headers. */
public final class DeadLetterRecordSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;
    static final String STAGE = "shard-builder";

    private final String topic;

    public DeadLetterRecordSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DlqHeaders.ERROR_CLASS, utf8(letter.errorClass()));
        headers.add(DlqHeaders.ERROR_MESSAGE, utf8(letter.errorMessage()));
        headers.add(DlqHeaders.STAGE, utf8(STAGE));
        headers.add(DlqHeaders.SOURCE_TOPIC, utf8(letter.topic()));
        headers.add(DlqHeaders.SOURCE_PARTITION, utf8(Integer.toString(letter.partition())));
        headers.add(DlqHeaders.SOURCE_OFFSET, utf8(Long.toString(letter.offset())));
        return new ProducerRecord<>(topic, null, letter.key(), letter.value(), headers);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
