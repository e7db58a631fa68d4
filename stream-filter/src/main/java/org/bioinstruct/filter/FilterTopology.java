package org.bioinstruct.filter;

import java.time.Clock;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.bioinstruct.filter.DuplicateProcessor.Outcome;
import org.bioinstruct.filter.query.CountingProcessor;
import org.bioinstruct.filter.query.CountStores;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.avro.RejectedInstruction;
import org.bioinstruct.schemas.topics.TopicCatalogue;

/**
 * raw bytes -> decode (failures to the DLQ) -> validate (failures rejected) -> re-key by content hash and
 * repartition to one partition -> exact dedup against a persistent store (repeats rejected) -> near-duplicate
 * check against every accepted task (ROUGE-L; too near rejected) -> categorize -> accepted.
 * Every raw record ends in exactly one of accepted, rejected or the DLQ; outputs are keyed by task id. Each
 * outcome is counted on its way out, in a count store of the task that decided it ({@link CountStores}).
 */
final class FilterTopology {
    static final String SEEN_STORE = "seen-content";
    static final String ACCEPTED_TEXTS_STORE = "accepted-texts";
    /** Name of the repartition onto the duplicate checks' single partition. */
    static final String DEDUP = "dedup";

    private record Checked(RawInstruction task, Violation violation) {
        static Checked of(RawInstruction task, FilterRules rules) {
            return new Checked(task, rules.check(task).orElse(null));
        }
    }

    private final TopicCatalogue topics;
    private final Map<String, ?> serdeConfig;
    private final FilterRules rules;
    private final NearDuplicateSettings nearDuplicates;
    private final FilterCounters counters;
    private final Verdicts verdicts;

    /** The internal topic Kafka Streams names for the {@link #DEDUP} repartition of an application. */
    static String dedupTopic(String applicationId) {
        return applicationId + "-" + DEDUP + "-repartition";
    }

    FilterTopology(TopicCatalogue topics, Map<String, ?> serdeConfig, FilterRules rules,
                   NearDuplicateSettings nearDuplicates, FilterCounters counters, Clock clock) {
        this.topics = topics;
        this.serdeConfig = serdeConfig;
        this.rules = rules;
        this.nearDuplicates = nearDuplicates;
        this.counters = counters;
        this.verdicts = new Verdicts(clock);
    }

    Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SEEN_STORE),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACCEPTED_TEXTS_STORE),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(CountStores.builder(CountStores.RAW));
        builder.addStateStore(CountStores.builder(CountStores.DEDUP));

        Map<String, KStream<byte[], Decoded>> decoded = builder
                .stream(topics.raw().name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("raw"))
                .processValues(() -> new DecodeProcessor(topics.raw().valueSerde(serdeConfig).deserializer()),
                        Named.as("decode"))
                .split(Named.as("decoded-"))
                .branch((key, value) -> value.ok(), Branched.as("ok"))
                .defaultBranch(Branched.as("undecodable"));
        deadLetter(decoded.get("decoded-undecodable"));

        Map<String, KStream<byte[], Checked>> validated = decoded.get("decoded-ok")
                .mapValues(value -> Checked.of(value.task(), rules), Named.as("validate"))
                .split(Named.as("validation-"))
                .branch((key, checked) -> checked.violation() != null, Branched.as("failed"))
                .defaultBranch(Branched.as("passed"));
        rejectInvalid(validated.get("validation-failed"));

        // One partition: every exact and near-duplicate decision sees every earlier task.
        Map<String, KStream<String, Outcome>> judged = validated.get("validation-passed")
                .map((key, checked) -> KeyValue.pair(ContentHash.of(checked.task()), checked.task()),
                        Named.as("key-by-content"))
                .repartition(Repartitioned.with(topics.raw().keySerde(serdeConfig), topics.raw().valueSerde(serdeConfig))
                        .withName(DEDUP).withNumberOfPartitions(1))
                .processValues(() -> new DuplicateProcessor(SEEN_STORE, ACCEPTED_TEXTS_STORE, nearDuplicates, counters),
                        Named.as("dedup"), SEEN_STORE, ACCEPTED_TEXTS_STORE)
                .split(Named.as("dedup-"))
                .branch((hash, outcome) -> outcome.exactDuplicate(), Branched.as("exact"))
                .branch((hash, outcome) -> outcome.nearDuplicate(), Branched.as("near"))
                .defaultBranch(Branched.as("distinct"));
        rejectDuplicates(judged.get("dedup-exact"));
        rejectNearDuplicates(judged.get("dedup-near"));
        accept(judged.get("dedup-distinct"));
        return builder.build();
    }

    private void deadLetter(KStream<byte[], Decoded> undecodable) {
        undecodable
                .mapValues(Decoded::undecodableValue, Named.as("original-bytes"))
                .peek((key, value) -> counters.deadLettered(), Named.as("count-dlq"))
                .processValues(CountingProcessor.deadLetteredFrom(CountStores.RAW, topics.raw().name()),
                        Named.as("meter-dlq"), CountStores.RAW)
                .to(topics.dlq().name(), Produced.with(topics.dlq().keySerde(serdeConfig),
                        topics.dlq().valueSerde(serdeConfig)).withName("dlq"));
    }

    private void rejectInvalid(KStream<byte[], Checked> invalid) {
        toRejected(invalid
                .selectKey((key, checked) -> checked.task().getId(), Named.as("invalid-by-id"))
                .mapValues(checked -> verdicts.reject(checked.task(), checked.violation()), Named.as("reject-invalid")),
                "rejected-invalid", CountStores.RAW);
    }

    private void rejectDuplicates(KStream<String, Outcome> duplicates) {
        toRejected(duplicates
                .selectKey((hash, outcome) -> outcome.task().getId(), Named.as("duplicate-by-id"))
                .mapValues(outcome -> verdicts.duplicate(outcome.task(), outcome.firstId()),
                        Named.as("reject-duplicate")),
                "rejected-duplicate", CountStores.DEDUP);
    }

    private void rejectNearDuplicates(KStream<String, Outcome> nearDuplicates) {
        toRejected(nearDuplicates
                .selectKey((hash, outcome) -> outcome.task().getId(), Named.as("near-duplicate-by-id"))
                .mapValues(outcome -> verdicts.nearDuplicate(outcome.task(), outcome.nearest().orElseThrow()),
                        Named.as("reject-near-duplicate")),
                "rejected-near-duplicate", CountStores.DEDUP);
    }

    /** {@code countStore}: the count store of the sub-topology {@code rejected} runs in. */
    private void toRejected(KStream<String, RejectedInstruction> rejected, String name, String countStore) {
        rejected
                .peek((id, record) -> counters.rejected(record.getReason()), Named.as("count-" + name))
                .processValues(CountingProcessor.rejectedByReason(countStore), Named.as("meter-" + name), countStore)
                .to(topics.rejected().name(), Produced.with(topics.rejected().keySerde(serdeConfig),
                        topics.rejected().valueSerde(serdeConfig)).withName(name));
    }

    private void accept(KStream<String, Outcome> distinct) {
        distinct
                .selectKey((hash, outcome) -> outcome.task().getId(), Named.as("accepted-by-id"))
                .mapValues(outcome -> verdicts.accept(outcome.task(), outcome.nearest()), Named.as("categorize"))
                .peek((id, record) -> counters.accepted(record.getCategory().name()), Named.as("count-accepted"))
                .processValues(CountingProcessor.acceptedByCategory(CountStores.DEDUP), Named.as("meter-accepted"),
                        CountStores.DEDUP)
                .to(topics.accepted().name(), Produced.with(topics.accepted().keySerde(serdeConfig),
                        topics.accepted().valueSerde(serdeConfig)).withName("accepted"));
    }
}
