package org.bioinstruct.infra.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.bioinstruct.schemas.topics.TopicScan;

/** Reads a DLQ topic from its beginning to the end offsets it had when reading started (no consumer group). */
public final class DlqReader {
    private DlqReader() {
    }

    public static List<DlqRecord> read(String bootstrapServers, Map<String, String> kafkaOverrides, String topic,
                                       Predicate<DlqRecord> filter, int limit) {
        List<DlqRecord> out = new ArrayList<>();
        if (limit <= 0) {
            return out;
        }
        new TopicScan(bootstrapServers, kafkaOverrides).forEachWhile(topic, record -> {
            DlqRecord dlq = new DlqRecord(record);
            if (filter.test(dlq)) {
                out.add(dlq);
            }
            return out.size() < limit;
        });
        return out;
    }
}
