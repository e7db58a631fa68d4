package org.bioinstruct.infra.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.topics.DlqHeaders;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.schemas.topics.TopicScan;

/**
 * What the topics say, read once: ids per outcome topic (by record key, so undecodable records count too),
 * the category of each accepted id, dead-lettered ids by the topic they came from, every shard manifest and
 * every adapter checkpoint.
 */
final class PipelineState {
    static final String NULL_KEY = "<null key>";

    final IdCounts raw = new IdCounts();
    final IdCounts accepted = new IdCounts();
    final IdCounts rejected = new IdCounts();
    final Map<String, IdCounts> deadLetteredBySource = new HashMap<>();
    /** Accepted id to category name; absent where the record could not be decoded. */
    final Map<String, String> acceptedCategories = new HashMap<>();
    final List<String> undecodableAccepted = new ArrayList<>();
    final List<ShardManifest> manifests = new ArrayList<>();
    final List<AdapterCheckpoint> checkpoints = new ArrayList<>();

    static PipelineState read(TopicScan scan, TopicCatalogue topics, Map<String, ?> serdeConfig) {
        PipelineState state = new PipelineState();
        scan.forEach(topics.raw().name(), r -> state.raw.add(key(r)));
        scan.forEach(topics.rejected().name(), r -> state.rejected.add(key(r)));
        Deserializer<AcceptedInstruction> acceptedValues = topics.accepted().valueSerde(serdeConfig).deserializer();
        scan.forEach(topics.accepted().name(), r -> state.addAccepted(r, acceptedValues));
        scan.forEach(topics.dlq().name(), r -> state.deadLetteredBySource
                .computeIfAbsent(header(r, DlqHeaders.SOURCE_TOPIC), t -> new IdCounts()).add(key(r)));
        Deserializer<ShardManifest> manifests = topics.shardsReady().valueSerde(serdeConfig).deserializer();
        scan.forEach(topics.shardsReady().name(), r -> state.manifests.add(manifests.deserialize(r.topic(), r.value())));
        Deserializer<AdapterCheckpoint> checkpoints = topics.checkpoints().valueSerde(serdeConfig).deserializer();
        scan.forEach(topics.checkpoints().name(),
                r -> state.checkpoints.add(checkpoints.deserialize(r.topic(), r.value())));
        return state;
    }

    IdCounts deadLetteredFrom(String topic) {
        return deadLetteredBySource.getOrDefault(topic, new IdCounts());
    }

    private void addAccepted(ConsumerRecord<byte[], byte[]> record, Deserializer<AcceptedInstruction> values) {
        String id = key(record);
        accepted.add(id);
        try {
            acceptedCategories.put(id, values.deserialize(record.topic(), record.value()).getCategory().name());
        } catch (RuntimeException e) {
            undecodableAccepted.add(id + " (" + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + ": " + e.getMessage() + ")");
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? NULL_KEY : new String(record.key(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return DlqHeaders.value(record.headers(), name).orElse("");
    }
}
