package org.bioinstruct.infra.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bioinstruct.infra.ops.TopicFollower;
import org.bioinstruct.infra.pipeline.PipelineDecoders;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.topics.TopicCatalogue;

/**
 * Follows the pipeline's topics as committed records (read_committed, from the beginning, no group) and
 * keeps what the end-to-end benchmark reports: counts, first/last times per stage and two latencies per
 * instruction: generated -> accepted (the accepted record's {@code acceptedAt - createdAt}, kept with its
 * {@code createdAt} so the run's second half can be told apart from its start-up) and accepted ->
 * shard (the time this consumer first sees the manifest listing it, minus {@code acceptedAt}). Only
 * instructions in flight are held, so memory stays flat over a million records.
 */
final class FlowRecorder implements AutoCloseable {
    private final TopicCatalogue topics;
    private final PipelineDecoders decoders;
    private final TopicFollower follower;

    final LongSamples generatedToAccepted = new LongSamples();
    /** The {@code createdAt} of each sample of {@link #generatedToAccepted}, at the same index. */
    final LongSamples acceptedCreatedAt = new LongSamples();
    final LongSamples acceptedToShard = new LongSamples();
    private final Map<String, Long> acceptedNotYetSharded = new HashMap<>();
    private final Map<String, Long> shardedNotYetSeenAccepted = new HashMap<>();
    final Span raw = new Span();
    final Span outcomes = new Span();
    final Span accepted = new Span();
    final Span manifests = new Span();
    long rejected;
    long deadLettered;
    long examplesInShards;
    final Set<String> trainShards = new HashSet<>();
    final Map<String, Long> trainShardVisible = new HashMap<>();
    final List<AdapterCheckpoint> checkpoints = new ArrayList<>();
    final List<EvalMetric> evalMetrics = new ArrayList<>();

    /** First and last time (epoch ms) and how many records. */
    static final class Span {
        long count;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;

        void add(long at) {
            count++;
            first = Math.min(first, at);
            last = Math.max(last, at);
        }

        double seconds() {
            return count == 0 ? 0 : Math.max(1, last - first) / 1000.0;
        }
    }

    FlowRecorder(TopicCatalogue topics, String bootstrapServers, String registryUrl) {
        this.topics = topics;
        this.decoders = PipelineDecoders.of(topics, registryUrl);
        this.follower = new TopicFollower("flow-recorder", bootstrapServers, List.of(topics.raw().name(),
                topics.accepted().name(), topics.rejected().name(), topics.dlq().name(), topics.shardsReady().name(),
                topics.checkpoints().name(), topics.evalMetrics().name()), 2000, Duration.ofMillis(200), this,
                this::apply);
    }

    private void apply(ConsumerRecord<byte[], byte[]> record, long seenAt) {
        String topic = record.topic();
        if (topic.equals(topics.raw().name())) {
            raw.add(record.timestamp());
        } else if (topic.equals(topics.accepted().name())) {
            onAccepted(decoders.accepted().deserialize(topic, record.value()));
        } else if (topic.equals(topics.rejected().name())) {
            rejected++;
            outcomes.add(decoders.rejected().deserialize(topic, record.value()).getRejectedAt().toEpochMilli());
        } else if (topic.equals(topics.dlq().name())) {
            deadLettered++;
        } else if (topic.equals(topics.shardsReady().name())) {
            onManifest(decoders.shards().deserialize(topic, record.value()), seenAt);
        } else if (topic.equals(topics.checkpoints().name())) {
            checkpoints.add(decoders.checkpoints().deserialize(topic, record.value()));
        } else if (topic.equals(topics.evalMetrics().name())) {
            evalMetrics.add(decoders.evalMetrics().deserialize(topic, record.value()));
        }
    }

    private void onAccepted(AcceptedInstruction a) {
        long acceptedAt = a.getAcceptedAt().toEpochMilli();
        accepted.add(acceptedAt);
        outcomes.add(acceptedAt);
        generatedToAccepted.add(acceptedAt - a.getCreatedAt().toEpochMilli());
        acceptedCreatedAt.add(a.getCreatedAt().toEpochMilli());
        String id = a.getId().toString();
        Long visible = shardedNotYetSeenAccepted.remove(id);
        if (visible != null) {
            acceptedToShard.add(visible - acceptedAt);
        } else {
            acceptedNotYetSharded.put(id, acceptedAt);
        }
    }

    private void onManifest(ShardManifest manifest, long visible) {
        manifests.add(visible);
        examplesInShards += manifest.getRecordCount();
        if (manifest.getSplit() == Split.TRAIN) {
            trainShards.add(manifest.getShardId().toString());
            trainShardVisible.put(manifest.getShardId().toString(), visible);
        }
        for (CharSequence id : manifest.getInstructionIds()) {
            Long acceptedAt = acceptedNotYetSharded.remove(id.toString());
            if (acceptedAt != null) {
                acceptedToShard.add(visible - acceptedAt);
            } else {
                shardedNotYetSeenAccepted.put(id.toString(), visible);
            }
        }
    }

    /** Runs {@code reader} on a consistent view of the figures. */
    synchronized <T> T read(Function<FlowRecorder, T> reader) {
        RuntimeException failure = follower.failure();
        if (failure != null) {
            throw new IllegalStateException("following the topics failed: " + failure.getMessage(), failure);
        }
        return reader.apply(this);
    }

    @Override
    public void close() {
        follower.close();
    }
}
