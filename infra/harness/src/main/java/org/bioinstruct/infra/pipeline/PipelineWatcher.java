package org.bioinstruct.infra.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bioinstruct.infra.ops.TopicFollower;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.split.ShardSelection;
import org.bioinstruct.schemas.topics.TopicCatalogue;

/**
 * Follows every pipeline topic from the beginning with read_committed, without a consumer group, and
 * keeps the counts the demo's progress display and completion check read. Accepted examples are classified
 * with the shard-builder's {@link ShardSelection}, so those it leaves out of shards by configuration are
 * not waited for.
 */
public final class PipelineWatcher implements AutoCloseable {
    private final TopicCatalogue catalogue;
    private final ShardSelection selection;
    private final PipelineDecoders decoders;
    private final TopicFollower follower;

    private long generated;
    private long accepted;
    private long acceptedOutsideSelection;
    private long deadLettered;
    private long trainingMetrics;
    private final Map<String, Long> rejectedByReason = new TreeMap<>();
    private final Map<String, ShardManifest> shards = new LinkedHashMap<>();
    private final Map<Integer, AdapterCheckpoint> checkpoints = new TreeMap<>();
    private final List<EvalMetric> evalMetrics = new ArrayList<>();

    /** @param selection the shard-builder's split and {@code shards.categories}, from the same settings */
    public PipelineWatcher(TopicCatalogue catalogue, ShardSelection selection, String bootstrapServers,
                           String registryUrl) {
        this.catalogue = catalogue;
        this.selection = selection;
        this.decoders = PipelineDecoders.of(catalogue, registryUrl);
        this.follower = new TopicFollower("pipeline-watcher", bootstrapServers,
                catalogue.all().stream().map(spec -> spec.name()).toList(), 500, Duration.ofMillis(500), this,
                (record, seenAt) -> apply(record));
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        String topic = record.topic();
        if (topic.equals(catalogue.raw().name())) {
            generated++;
        } else if (topic.equals(catalogue.accepted().name())) {
            accepted++;
            if (!selection.selectsEveryCategory() && outsideSelection(topic, record.value())) {
                acceptedOutsideSelection++;
            }
        } else if (topic.equals(catalogue.rejected().name())) {
            rejectedByReason.merge(decoders.rejected().deserialize(topic, record.value()).getReason(), 1L, Long::sum);
        } else if (topic.equals(catalogue.dlq().name())) {
            deadLettered++;
        } else if (topic.equals(catalogue.shardsReady().name())) {
            ShardManifest manifest = decoders.shards().deserialize(topic, record.value());
            shards.put(manifest.getShardId(), manifest);
        } else if (topic.equals(catalogue.checkpoints().name())) {
            AdapterCheckpoint checkpoint = decoders.checkpoints().deserialize(topic, record.value());
            checkpoints.put(checkpoint.getAdapterVersion(), checkpoint);
        } else if (topic.equals(catalogue.trainingMetrics().name())) {
            trainingMetrics++;
        } else if (topic.equals(catalogue.evalMetrics().name())) {
            evalMetrics.add(decoders.evalMetrics().deserialize(topic, record.value()));
        }
    }

    /**
     * A record that cannot be decoded counts as expected in a shard, as every accepted record did before
     * categories could be selected; the shard-builder dead-letters it.
     */
    private boolean outsideSelection(String topic, byte[] value) {
        AcceptedInstruction instruction;
        try {
            instruction = decoders.accepted().deserialize(topic, value);
        } catch (RuntimeException e) {
            return false;
        }
        return !selection.sharded(instruction.getId(), instruction.getCategory().name());
    }

    public synchronized PipelineCounts snapshot() {
        RuntimeException failure = follower.failure();
        if (failure != null) {
            throw new IllegalStateException("watching the topics failed: " + failure.getMessage(), failure);
        }
        long rejected = rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
        return new PipelineCounts(generated, accepted, acceptedOutsideSelection, rejected, rejectedByReason,
                deadLettered, new ArrayList<>(shards.values()), new ArrayList<>(checkpoints.values()),
                trainingMetrics, evalMetrics);
    }

    @Override
    public void close() {
        follower.close();
    }
}
