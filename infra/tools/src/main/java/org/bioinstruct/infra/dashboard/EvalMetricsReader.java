package org.bioinstruct.infra.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.topics.TopicScan;
import org.bioinstruct.schemas.topics.TopicSpec;

/** Reads every committed EvalMetric of the eval metrics topic, from its beginning to its current end. */
public final class EvalMetricsReader {
    private EvalMetricsReader() {
    }

    public static List<EvalMetric> readAll(String bootstrapServers, Map<String, String> kafkaOverrides,
                                           Map<String, ?> serdeConfig, TopicSpec<String, EvalMetric> topic) {
        Deserializer<EvalMetric> decoder = topic.valueSerde(serdeConfig).deserializer();
        List<EvalMetric> out = new ArrayList<>();
        new TopicScan(bootstrapServers, kafkaOverrides)
                .forEach(topic.name(), r -> out.add(decoder.deserialize(r.topic(), r.headers(), r.value())));
        return out;
    }
}
