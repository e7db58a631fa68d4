package org.bioinstruct.infra.audit;

import java.util.Map;
import org.bioinstruct.schemas.config.CommonKeys;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.split.ShardSelection;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.schemas.topics.TopicScan;

/**
 * Reconciles the pipeline from its topics (read_committed, from the beginning, no consumer group) and its
 * shard store (the files the manifests name): the contracts of DESIGN.md, counted and checked id by id.
 * Settings: {@code bootstrap.servers}, {@code schema.registry.url} (and its basic-auth keys), the
 * {@code kafka.*} security block, {@code topic.<role>} names, and the shard-builder's split and selection
 * ({@code shards.categories}, {@code shards.eval.fraction[.CATEGORY]}, {@code shards.mixture}; see
 * {@link ShardSelection}): accepted TRAIN examples outside the selected categories are expected in no shard.
 */
public final class PipelineAudit {
    public static final String SAMPLE_LIMIT = "audit.sample.limit";

    private final Settings settings;
    private final TopicCatalogue topics;
    private final ShardSelection selection;
    private final int sampleLimit;
    private final Map<String, String> serdeConfig;

    public PipelineAudit(Settings settings) {
        this.settings = settings;
        this.topics = TopicCatalogue.from(settings);
        this.selection = ShardSelection.from(settings);
        this.sampleLimit = settings.intValue(SAMPLE_LIMIT, 20, 0, 1_000_000);
        settings.string(CommonKeys.BOOTSTRAP_SERVERS);
        this.serdeConfig = SerdeConfig.of(settings);
    }

    public AuditReport run() {
        TopicScan scan = new TopicScan(settings.string(CommonKeys.BOOTSTRAP_SERVERS),
                settings.withPrefix(CommonKeys.KAFKA_PREFIX));
        PipelineState state = PipelineState.read(scan, topics, serdeConfig);
        Findings findings = new Findings(sampleLimit);
        OutcomeCheck.run(state, topics.raw().name(), findings);
        ShardCoverageCheck.run(state, topics.accepted().name(), selection, findings);
        ShardFileCheck.run(state, findings);
        LineageCheck.run(state, topics.shardsReady().name(), findings);
        return findings.report();
    }
}
