package org.bioinstruct.filter;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.Deserializer;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.RejectedInstruction;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.KafkaClientConfigs;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.config.StageSettings;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.schemas.topics.TopicScan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the filter's duplicate-check state from its own outputs, for a filter about to start with none:
 * after {@code kafka-streams-application-reset} (a release whose topology cannot reuse the old internal
 * topics) or under a new application id. Without it every task accepted so far could be accepted again.
 *
 * <p>It reads the accepted topic and the near-duplicate rejections (committed records, from the beginning, no
 * consumer group) and writes, in one transaction, what {@link DuplicateProcessor} would have stored to the
 * changelog topics of its two stores, from which Kafka Streams restores them when the filter starts: content
 * hash -> id for every task that passed validation without repeating an earlier one (accepted, or rejected as
 * a near duplicate), and id -> compared text for every accepted task. It refuses while the filter's group has
 * members, or when either changelog already holds records.
 */
public final class DedupStateSeeder {
    /** How long to wait for a stopped filter's members to leave its group (they expire after the session timeout). */
    public static final String GROUP_WAIT_MS = "filter.seed.group.wait.ms";
    private static final Logger LOG = LoggerFactory.getLogger(DedupStateSeeder.class);
    private static final int PROGRESS_EVERY = 100_000;

    /** What was read and written: a content hash per new content, an accepted text per accepted task. */
    public record Result(long acceptedRead, long nearDuplicatesRead, long undecodable, long contentHashes) {
        @Override
        public String toString() {
            return "read " + acceptedRead + " accepted and " + nearDuplicatesRead + " near-duplicate rejections ("
                    + undecodable + " undecodable, skipped); wrote " + contentHashes + " content hashes and "
                    + acceptedRead + " accepted texts";
        }
    }

    /** Seeding would overwrite live state or race a running filter; nothing was written. */
    public static final class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message);
        }
    }

    private final String bootstrapServers;
    private final Map<String, String> kafkaOverrides;
    private final Map<String, String> serdeConfig;
    private final TopicCatalogue topics;
    private final NearDuplicateSettings nearDuplicates;
    private final String applicationId;
    private final short replicationFactor;
    private final long groupWaitMs;

    /** Validates every setting up front; throws {@link InvalidConfigException} naming the first bad key. */
    public DedupStateSeeder(Settings settings) {
        StageSettings stage = StageSettings.from(settings);
        this.bootstrapServers = stage.bootstrapServers();
        this.kafkaOverrides = stage.kafkaOverrides();
        this.serdeConfig = stage.serdeConfig();
        this.topics = stage.topics();
        this.nearDuplicates = NearDuplicateSettings.from(settings);
        this.applicationId = FilterSettings.applicationId(settings);
        this.replicationFactor = (short) FilterSettings.replicationFactor(settings);
        this.groupWaitMs = settings.longValue(GROUP_WAIT_MS, 60_000, 0, 3_600_000);
    }

    /** {@code key=value} settings or {@code --config FILE}, as the filter takes them; exit 0, 1 refused or failed, 2 bad config. */
    public static void main(String[] args) {
        DedupStateSeeder seeder;
        try {
            seeder = new DedupStateSeeder(Settings.fromArgs(args));
        } catch (InvalidConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            System.out.println("seeded the filter's duplicate-check state: " + seeder.run());
            System.exit(0);
        } catch (RefusedException e) {
            System.err.println("not seeded: " + e.getMessage());
        } catch (Exception e) {
            LOG.error("seeding failed: {}", e.toString(), e);
        }
        System.exit(1);
    }

    static String changelogTopic(String applicationId, String storeName) {
        return applicationId + "-" + storeName + "-changelog";
    }

    public Result run() throws Exception {
        String seenChangelog = changelogTopic(applicationId, FilterTopology.SEEN_STORE);
        String textsChangelog = changelogTopic(applicationId, FilterTopology.ACCEPTED_TEXTS_STORE);
        try (Admin admin = Admin.create(KafkaClientConfigs.client(bootstrapServers, kafkaOverrides))) {
            refuseWhileGroupHasMembers(admin);
            prepareEmptyChangelogs(admin, List.of(seenChangelog, textsChangelog));
        }
        Map<String, Object> producerConfig = KafkaClientConfigs.transactionalProducer(bootstrapServers,
                applicationId + "-dedup-state-seeder", kafkaOverrides);
        producerConfig.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TimeUnit.MINUTES.toMillis(15));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig)) {
            producer.initTransactions();
            producer.beginTransaction();
            StateWriter writer = new StateWriter(producer, seenChangelog, textsChangelog);
            TopicScan scan = new TopicScan(bootstrapServers, kafkaOverrides);
            Deserializer<AcceptedInstruction> accepted = topics.accepted().valueSerde(serdeConfig).deserializer();
            scan.forEach(topics.accepted().name(),
                    record -> writer.decode(accepted, topics.accepted().name(), record.value(), writer::accepted));
            Deserializer<RejectedInstruction> rejected = topics.rejected().valueSerde(serdeConfig).deserializer();
            scan.forEach(topics.rejected().name(),
                    record -> writer.decode(rejected, topics.rejected().name(), record.value(), writer::rejected));
            producer.commitTransaction();
            Result result = writer.result();
            LOG.info("seeded {} and {}: {}", seenChangelog, textsChangelog, result);
            return result;
        }
    }

    private void refuseWhileGroupHasMembers(Admin admin) throws Exception {
        long deadline = System.currentTimeMillis() + groupWaitMs;
        int members = groupMembers(admin);
        for (int polls = 0; members > 0 && System.currentTimeMillis() < deadline; polls++) {
            if (polls % 10 == 0) {
                LOG.info("waiting for the {} member(s) of group '{}' to leave (an instance that did not leave on "
                        + "stopping is dropped after its session timeout)", members, applicationId);
            }
            Thread.sleep(1000);
            members = groupMembers(admin);
        }
        if (members > 0) {
            throw new RefusedException("the filter's consumer group '" + applicationId + "' still has " + members
                    + " member(s) after " + groupWaitMs + " ms: stop every filter instance first");
        }
    }

    private int groupMembers(Admin admin) throws Exception {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId))
                    .describedGroups().get(applicationId).get(30, TimeUnit.SECONDS);
            return group.members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw e;
        }
    }

    /**
     * Refuses a changelog that holds records (the state is there; seeding would mix two histories); creates a
     * missing one as Kafka Streams would: one partition (the duplicate checks' sub-topology has one), compacted.
     */
    private void prepareEmptyChangelogs(Admin admin, List<String> changelogs) throws Exception {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        TopicScan scan = new TopicScan(bootstrapServers, kafkaOverrides);
        for (String changelog : changelogs) {
            if (existing.contains(changelog)) {
                if (scan.forEachWhile(changelog, record -> false) > 0) {
                    throw new RefusedException("changelog topic '" + changelog + "' already holds the filter's state; "
                            + "seeding is for a filter that starts with none (after kafka-streams-application-reset "
                            + "or under a new " + FilterSettings.APPLICATION_ID + ")");
                }
            } else {
                admin.createTopics(List.of(new NewTopic(changelog, 1, replicationFactor)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                        .all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Writes the store entries in the stores' own format (UTF-8 strings), each content hash once. */
    private final class StateWriter {
        private final KafkaProducer<byte[], byte[]> producer;
        private final String seenChangelog;
        private final String textsChangelog;
        private final Set<String> seenHashes = new HashSet<>();
        private long acceptedRead;
        private long nearDuplicatesRead;
        private long undecodable;

        StateWriter(KafkaProducer<byte[], byte[]> producer, String seenChangelog, String textsChangelog) {
            this.producer = producer;
            this.seenChangelog = seenChangelog;
            this.textsChangelog = textsChangelog;
        }

        <T> void decode(Deserializer<T> deserializer, String topic, byte[] value, Consumer<T> handler) {
            T record;
            try {
                record = deserializer.deserialize(topic, value);
            } catch (RuntimeException e) {
                undecodable++;
                LOG.warn("skipping an undecodable record of {}: {}", topic, e.getMessage());
                return;
            }
            handler.accept(record);
        }

        void accepted(AcceptedInstruction task) {
            seen(ContentHash.of(task.getInstruction(), task.getInput()), task.getId());
            send(textsChangelog, task.getId(), nearDuplicates.comparedText(task.getInstruction(), task.getInput()));
            if (++acceptedRead % PROGRESS_EVERY == 0) {
                LOG.info("{} accepted tasks read", acceptedRead);
            }
        }

        /** Only near duplicates passed the exact check as new content; the other rejections never reached it. */
        void rejected(RejectedInstruction task) {
            if (RejectReason.DUPLICATE_NEAR.name().equals(task.getReason())) {
                nearDuplicatesRead++;
                seen(ContentHash.of(task.getInstruction(), task.getInput()), task.getId());
            }
        }

        /** The first id of a content hash wins, as {@code putIfAbsent} in the filter. */
        private void seen(String contentHash, String id) {
            if (seenHashes.add(contentHash)) {
                send(seenChangelog, contentHash, id);
            }
        }

        private void send(String topic, String key, String value) {
            producer.send(new ProducerRecord<>(topic, 0, key.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8)));
        }

        Result result() {
            return new Result(acceptedRead, nearDuplicatesRead, undecodable, seenHashes.size());
        }
    }
}
