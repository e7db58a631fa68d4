package org.bioinstruct.evaluator;

import java.time.Duration;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.trainer.model.BaseModel;
import org.bioinstruct.trainer.model.BaseModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluator stage: {@code EvaluatorMain --config FILE key=value...}. Scores every adapter checkpoint on the
 * held-out EVAL shards against the base model and publishes EvalMetrics until SIGTERM. Exit code 2: bad
 * configuration.
 */
public final class EvaluatorMain {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluatorMain.class);

    private EvaluatorMain() {
    }

    public static void main(String[] args) throws Exception {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args) throws Exception {
        EvaluatorSettings settings;
        try {
            settings = EvaluatorSettings.from(Settings.fromArgs(args));
        } catch (InvalidConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        limitTorchThreads();
        BaseModel base = BaseModels.createOrLoad(settings.modelDir(), settings.modelSeed());
        LOG.info("base model {}", base.dir());
        try (CheckpointEvaluator evaluator = new CheckpointEvaluator(base, settings.maxNewTokens());
             EvaluatorLoop loop = new EvaluatorLoop(settings, evaluator)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    loop.stop(Duration.ofSeconds(60));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "evaluator-shutdown"));
            loop.run();
        }
        LOG.info("evaluator stopped");
        return 0;
    }

    private static void limitTorchThreads() {
        for (String key : new String[] {"ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads"}) {
            if (System.getProperty(key) == null) {
                System.setProperty(key, "1");
            }
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
