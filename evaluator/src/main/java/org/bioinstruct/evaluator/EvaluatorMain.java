package org.bioinstruct.evaluator;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bioinstruct.evaluator.judge.LlmJudge;
import org.bioinstruct.evaluator.scoring.BaselineCache;
import org.bioinstruct.evaluator.scoring.ModelChecksum;
import org.bioinstruct.evaluator.suite.BenchmarkFormat;
import org.bioinstruct.evaluator.suite.Suite;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.model.BaseModels;
import org.bioinstruct.model.TorchDefaults;
import org.bioinstruct.schemas.config.StageArgs;
import org.bioinstruct.schemas.topics.OutputSchemaException;
import org.bioinstruct.schemas.topics.OutputSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluator stage: {@code EvaluatorMain --config FILE key=value...}. Scores every adapter checkpoint on the
 * held-out EVAL shards and the configured benchmark files against the base model and publishes EvalMetrics until
 * SIGTERM. Exit code 2: bad configuration or an unreadable benchmark file; 1: the registry does not accept the
 * eval-metric value schema (checked before the model loads).
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
        EvaluatorSettings settings = StageArgs.parse(args, EvaluatorSettings::from).orElse(null);
        if (settings == null) {
            return StageArgs.INVALID_CONFIG_EXIT;
        }
        try {
            OutputSchemas.registerAll(settings.serdeConfig(), List.of(settings.topics().evalMetrics()));
        } catch (OutputSchemaException e) {
            LOG.error(e.getMessage());
            return 1;
        }
        TorchDefaults.apply();
        List<Suite> benchmarks = new ArrayList<>();
        try {
            settings.benchmarks().forEach((format, file) -> benchmarks.add(format.read(file)));
        } catch (BenchmarkFormat.BenchmarkFileException | UncheckedIOException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        benchmarks.forEach(b -> LOG.info("benchmark {}: {} items", b.name(), b.items().size()));
        BaseModel base = BaseModels.createOrLoad(settings.modelDir(), settings.modelSeed());
        String checksum = ModelChecksum.of(base.dir());
        BaselineCache baseline = new BaselineCache(settings.stateDir(), checksum, settings.maxNewTokens());
        LOG.info("base model {} (sha256 {}), baseline cache {}", base.dir(), checksum, baseline.dir());
        settings.judge().ifPresent(j -> LOG.info("LLM judge {} at {}", j.model(), j.baseUrl()));
        try (CheckpointEvaluator evaluator = new CheckpointEvaluator(base, baseline, settings.maxNewTokens(),
                settings.judge().map(LlmJudge::new));
             EvaluatorLoop loop = new EvaluatorLoop(settings, evaluator, benchmarks)) {
            loop.stopOnShutdown(Duration.ofSeconds(60));
            loop.run();
        }
        LOG.info("evaluator stopped");
        return 0;
    }
}
