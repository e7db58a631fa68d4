package org.bioinstruct.infra.pipeline;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.bioinstruct.infra.stack.StackState;
import org.bioinstruct.schemas.config.CommonKeys;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.split.ShardSelection;
import org.bioinstruct.schemas.topics.TopicCatalogue;

/**
 * What a pipeline run on the embedded stack is given: the empty directory it runs in, the run id its stages
 * record unless {@code stageSettings} names one, and the extra settings every stage gets (e.g. {@code shards.size}).
 */
public record PipelineSettings(Path dataDir, String runId, Map<String, String> stageSettings) {
    public PipelineSettings {
        dataDir = dataDir.toAbsolutePath().normalize();
        stageSettings = Map.copyOf(stageSettings);
    }

    public TopicCatalogue catalogue() {
        return TopicCatalogue.from(Settings.of(stageSettings));
    }

    public ShardSelection shardSelection() {
        return ShardSelection.from(Settings.of(stageSettings));
    }

    /** Every stage's settings on the stack: the extra settings, the stack's addresses, the data dir and the run id. */
    public Map<String, String> onStack(StackState stack) {
        Map<String, String> settings = new HashMap<>(stageSettings);
        settings.put(CommonKeys.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        settings.put(CommonKeys.SCHEMA_REGISTRY_URL, stack.registryUrl());
        settings.put(CommonKeys.DATA_DIR, dataDir.toString());
        settings.putIfAbsent(CommonKeys.RUN_ID, runId);
        return Map.copyOf(settings);
    }
}
