package org.bioinstruct.schemas.topics;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.avro.RejectedInstruction;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.TrainingMetric;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.serde.AvroSerde;

/**
 * The one list of topics every stage uses. Keys are plain UTF-8 strings (ids), values Avro in the
 * Confluent wire format; the DLQ keeps the original bytes. Names and partition counts are overridable
 * with {@code topic.<role>} and {@code topic.<role>.partitions}.
 */
public final class TopicCatalogue {
    public static final String DEFAULT_PREFIX = "bioinstruct.";
    private static final Map<String, String> KEEP_FOREVER = Map.of("retention.ms", "-1");

    private final TopicSpec<String, RawInstruction> raw;
    private final TopicSpec<String, AcceptedInstruction> accepted;
    private final TopicSpec<String, RejectedInstruction> rejected;
    private final TopicSpec<String, ShardManifest> shardsReady;
    private final TopicSpec<String, AdapterCheckpoint> checkpoints;
    private final TopicSpec<String, TrainingMetric> trainingMetrics;
    private final TopicSpec<String, EvalMetric> evalMetrics;
    private final TopicSpec<byte[], byte[]> dlq;

    private TopicCatalogue(Settings settings) {
        int instructionPartitions = settings.intValue("topic.partitions", 4, 1, 10_000);
        raw = avro("raw", "instructions.raw", RawInstruction.class, instructionPartitions, KEEP_FOREVER, settings);
        accepted = avro("accepted", "instructions.accepted", AcceptedInstruction.class, instructionPartitions,
                KEEP_FOREVER, settings);
        rejected = avro("rejected", "instructions.rejected", RejectedInstruction.class, instructionPartitions,
                KEEP_FOREVER, settings);
        // Training-side topics have one partition: the trainer applies shards in order.
        shardsReady = avro("shards", "shards.ready", ShardManifest.class, 1, KEEP_FOREVER, settings);
        checkpoints = avro("checkpoints", "model.checkpoints", AdapterCheckpoint.class, 1, KEEP_FOREVER, settings);
        trainingMetrics = avro("training-metrics", "metrics.training", TrainingMetric.class, 1, Map.of(), settings);
        evalMetrics = avro("eval-metrics", "metrics.eval", EvalMetric.class, 1, KEEP_FOREVER, settings);
        dlq = resolve(new TopicSpec<>("dlq", DEFAULT_PREFIX + "dlq", Serdes::ByteArray, Serdes::ByteArray,
                1, KEEP_FOREVER), settings);
    }

    public static TopicCatalogue defaults() {
        return new TopicCatalogue(Settings.of(Map.of()));
    }

    public static TopicCatalogue from(Settings settings) {
        return new TopicCatalogue(settings);
    }

    private static <V extends SpecificRecord> TopicSpec<String, V> avro(
            String role, String suffix, Class<V> type, int partitions, Map<String, String> configs,
            Settings settings) {
        Supplier<Serde<V>> values = () -> new AvroSerde<>(type);
        return resolve(new TopicSpec<>(role, DEFAULT_PREFIX + suffix, Serdes::String, values, partitions, configs),
                settings);
    }

    private static <K, V> TopicSpec<K, V> resolve(TopicSpec<K, V> spec, Settings settings) {
        String key = "topic." + spec.role();
        return spec.renamed(settings.string(key, spec.name()),
                settings.intValue(key + ".partitions", spec.partitions(), 1, 10_000));
    }

    public TopicSpec<String, RawInstruction> raw() {
        return raw;
    }

    public TopicSpec<String, AcceptedInstruction> accepted() {
        return accepted;
    }

    public TopicSpec<String, RejectedInstruction> rejected() {
        return rejected;
    }

    public TopicSpec<String, ShardManifest> shardsReady() {
        return shardsReady;
    }

    public TopicSpec<String, AdapterCheckpoint> checkpoints() {
        return checkpoints;
    }

    public TopicSpec<String, TrainingMetric> trainingMetrics() {
        return trainingMetrics;
    }

    public TopicSpec<String, EvalMetric> evalMetrics() {
        return evalMetrics;
    }

    public TopicSpec<byte[], byte[]> dlq() {
        return dlq;
    }

    public List<TopicSpec<?, ?>> all() {
        return List.of(raw, accepted, rejected, shardsReady, checkpoints, trainingMetrics, evalMetrics, dlq);
    }
}
