package org.bioinstruct.shards;

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
        DlqHeaders.addError(headers, STAGE, letter.errorClass(), letter.errorMessage());
        DlqHeaders.addSource(headers, letter.topic(), letter.partition(), letter.offset());
        return new ProducerRecord<>(topic, null, letter.key(), letter.value(), headers);
    }
}
