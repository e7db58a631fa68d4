package org.bioinstruct.evaluator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bioinstruct.evaluator.judge.JudgeSettings;
import org.bioinstruct.evaluator.suite.BenchmarkFormat;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.config.StageScoped;
import org.bioinstruct.schemas.config.StageSettings;

/** The evaluator's configuration, every key validated up front. */
public record EvaluatorSettings(
        StageSettings stage,
        Path modelDir,
        long modelSeed,
        Path stateDir,
        String groupId,
        String transactionalId,
        int maxExamples,
        int maxNewTokens,
        boolean skipToNewest,
        Map<BenchmarkFormat, Path> benchmarks,
        Optional<JudgeSettings> judge,
        long pollMillis) implements StageScoped {

    public static final String MODEL_DIR = "evaluator.model.dir";
    public static final String MODEL_SEED = "evaluator.model.seed";
    public static final String STATE_DIR = "evaluator.state.dir";
    public static final String GROUP_ID = "evaluator.group.id";
    public static final String TRANSACTIONAL_ID = "evaluator.transactional.id";
    /** Held-out examples per category evaluated for each version. */
    public static final String MAX_EXAMPLES = "evaluator.max.examples";
    public static final String MAX_NEW_TOKENS = "evaluator.max.new.tokens";
    /** When several checkpoints wait, evaluate only the newest and skip the others. */
    public static final String SKIP_TO_NEWEST = "evaluator.skip.to.newest";
    /** {@code evaluator.benchmark.<name>=FILE}, name one of pubmedqa, medqa, ncbi-disease, bc5cdr, mednli. */
    public static final String BENCHMARK_PREFIX = "evaluator.benchmark.";
    public static final String POLL_MS = "evaluator.poll.ms";

    public static EvaluatorSettings from(Settings s) {
        return from(s, System.getenv());
    }

    public static EvaluatorSettings from(Settings s, Map<String, String> env) {
        StageSettings stage = StageSettings.from(s);
        Path dataDir = stage.requiredDataDir();
        String groupId = s.string(GROUP_ID, "bioinstruct-evaluator");
        return new EvaluatorSettings(
                stage,
                Path.of(s.string(MODEL_DIR, dataDir.resolve("models/base").toString())),
                s.longValue(MODEL_SEED, 7, Long.MIN_VALUE, Long.MAX_VALUE),
                Path.of(s.string(STATE_DIR, dataDir.resolve("evaluator").toString())),
                groupId,
                s.string(TRANSACTIONAL_ID, groupId + "-producer"),
                s.intValue(MAX_EXAMPLES, 16, 1, 100_000),
                s.intValue(MAX_NEW_TOKENS, 48, 1, 4096),
                s.booleanValue(SKIP_TO_NEWEST, false),
                benchmarks(s),
                JudgeSettings.from(s, env),
                s.longValue(POLL_MS, 500, 10, 60_000));
    }

    private static Map<BenchmarkFormat, Path> benchmarks(Settings s) {
        Map<BenchmarkFormat, Path> out = new LinkedHashMap<>();
        s.withPrefix(BENCHMARK_PREFIX).forEach((name, file) -> {
            String key = BENCHMARK_PREFIX + name;
            BenchmarkFormat format;
            try {
                format = BenchmarkFormat.bySuiteName(name);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigException(key, file, e.getMessage());
            }
            Path path = Path.of(file);
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new InvalidConfigException(key, file, "not a readable file");
            }
            out.put(format, path);
        });
        return out;
    }
}
