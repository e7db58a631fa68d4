package org.bioinstruct.trainer;

import java.time.Duration;
import java.util.List;
import ai.djl.engine.Engine;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.model.BaseModels;
import org.bioinstruct.model.TorchDefaults;
import org.bioinstruct.schemas.config.StageArgs;
import org.bioinstruct.schemas.topics.OutputSchemaException;
import org.bioinstruct.schemas.topics.OutputSchemas;
import org.bioinstruct.trainer.adapters.AdapterStore;
import org.bioinstruct.trainer.adapters.CorruptAdapterVersionException;
import org.bioinstruct.trainer.training.IncrementalTrainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer stage: {@code TrainerMain --config FILE key=value...}. Trains each TRAIN shard into a new LoRA
 * adapter version and publishes checkpoints and training metrics until SIGTERM. Exit code 2: bad configuration;
 * 1: the registry does not accept the checkpoint or training-metric value schema (checked before the model loads);
 * 3: the newest adapter version on disk is corrupt (the message names its directory and what to do).
 */
public final class TrainerMain {
    static final int CORRUPT_ADAPTER_EXIT = 3;
    private static final Logger LOG = LoggerFactory.getLogger(TrainerMain.class);

    private TrainerMain() {
    }

    public static void main(String[] args) throws Exception {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args) throws Exception {
        TrainerSettings settings = StageArgs.parse(args, TrainerSettings::from).orElse(null);
        if (settings == null) {
            return StageArgs.INVALID_CONFIG_EXIT;
        }
        try {
            OutputSchemas.registerAll(settings.serdeConfig(),
                    List.of(settings.topics().checkpoints(), settings.topics().trainingMetrics()));
        } catch (OutputSchemaException e) {
            LOG.error(e.getMessage());
            return 1;
        }
        TorchDefaults.apply();
        BaseModel base = BaseModels.createOrLoad(settings.modelDir(), settings.seed());
        LOG.info("base model {} ({} layers, hidden {}) on {}", base.dir(), base.config().numHiddenLayers(),
                base.config().hiddenSize(), Engine.getInstance().defaultDevice());
        IncrementalTrainer trainer;
        try {
            trainer = new IncrementalTrainer(base, settings.lora(), settings.training(),
                    new AdapterStore(settings.adaptersDir()), settings.runId(), settings.seed());
        } catch (CorruptAdapterVersionException e) {
            LOG.error("refusing to start: {}", e.getMessage(), e);
            System.err.println("trainer: " + e.getMessage());
            return CORRUPT_ADAPTER_EXIT;
        }
        try (trainer; TrainerLoop loop = new TrainerLoop(settings, trainer)) {
            trainer.current().ifPresent(v -> LOG.info("resuming from adapter v{} ({} shards)", v.version(),
                    v.lineage().shardIds().size()));
            LOG.info("LoRA {}; training {}", settings.lora(), settings.training());
            loop.stopOnShutdown(Duration.ofSeconds(60));
            loop.run();
        }
        LOG.info("trainer stopped");
        return 0;
    }
}
