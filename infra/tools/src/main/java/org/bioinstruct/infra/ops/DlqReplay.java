package org.bioinstruct.infra.ops;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.bioinstruct.schemas.config.KafkaClientConfigs;
import org.bioinstruct.schemas.topics.DlqHeaders;

/**
 * Re-publishes dead-lettered records' original key and value bytes, in one transaction, to their source
 * topic or to a given one. Each copy carries {@value #REPLAYED_FROM} ({@code dlq-topic/partition/offset}) and
 * the DLQ record's error headers are left behind, so a consumer sees the record as it was first produced.
 */
public final class DlqReplay {
    public static final String REPLAYED_FROM = "bioinstruct.replayed.from";

    private DlqReplay() {
    }

    /** Returns how many were replayed; a record without a source topic header needs {@code to}. */
    public static int replay(String bootstrapServers, Map<String, String> kafkaOverrides, List<DlqRecord> records,
                             Optional<String> to) {
        for (DlqRecord r : records) {
            if (to.isEmpty() && r.sourceTopic().isEmpty()) {
                throw new IllegalArgumentException("DLQ record at offset " + r.record().offset()
                        + " has no " + DlqHeaders.SOURCE_TOPIC + " header: give --to");
            }
        }
        if (records.isEmpty()) {
            return 0;
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClientConfigs.transactionalProducer(
                bootstrapServers, "bioinstruct-dlq-replay-" + UUID.randomUUID(), kafkaOverrides))) {
            producer.initTransactions();
            producer.beginTransaction();
            try {
                for (DlqRecord r : records) {
                    RecordHeaders headers = new RecordHeaders();
                    headers.add(REPLAYED_FROM, (r.record().topic() + "/" + r.record().partition() + "/"
                            + r.record().offset()).getBytes(StandardCharsets.UTF_8));
                    producer.send(new ProducerRecord<>(to.orElseGet(() -> r.sourceTopic().orElseThrow()), null,
                            r.record().key(), r.record().value(), headers));
                }
                producer.commitTransaction();
            } catch (RuntimeException e) {
                producer.abortTransaction();
                throw e;
            }
        }
        return records.size();
    }
}
