package org.bioinstruct.infra.stage;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The pipeline's stages: each its own Maven module, main class and JVM. The one place that names the stage
 * modules' classes: the other entry points the CLI runs from a stage's classpath are its {@link Tool}s.
 */
public enum Stage {
    GENERATOR("generator", "stream-generator", "org.bioinstruct.generator.GeneratorMain", "256m"),
    FILTER("filter", "stream-filter", "org.bioinstruct.filter.FilterMain", "384m"),
    SHARD_BUILDER("shard-builder", "shard-builder", "org.bioinstruct.shards.ShardBuilderMain", "768m"),
    TRAINER("trainer", "trainer", "org.bioinstruct.trainer.TrainerMain", "1g"),
    EVALUATOR("evaluator", "evaluator", "org.bioinstruct.evaluator.EvaluatorMain", "1g");

    private static final Pattern HEAP_SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

    private final String cliName;
    private final String module;
    private final String mainClass;
    private final String heap;

    Stage(String cliName, String module, String mainClass, String heap) {
        this.cliName = cliName;
        this.module = module;
        this.mainClass = mainClass;
        this.heap = heap;
    }

    public String cliName() {
        return cliName;
    }

    public String module() {
        return module;
    }

    public String mainClass() {
        return mainClass;
    }

    /** {@link #jvmArgs(Map)} with this process's environment. */
    public List<String> jvmArgs() {
        return jvmArgs(System.getenv());
    }

    /**
     * JVM options: a modest heap unless {@link #heapVariable()} in {@code environment} sets another; DJL must never
     * try to download anything; torch shares 2 cores politely.
     */
    public List<String> jvmArgs(Map<String, String> environment) {
        return List.of("-Xmx" + heap(environment), "-XX:+UseSerialGC", "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1");
    }

    /** The environment variable that sets the stage's heap, e.g. {@code BIOINSTRUCT_FILTER_HEAP=2g}. */
    public String heapVariable() {
        return "BIOINSTRUCT_" + name() + "_HEAP";
    }

    private String heap(Map<String, String> environment) {
        String value = environment.get(heapVariable());
        if (value == null || value.isBlank()) {
            return heap;
        }
        if (!HEAP_SIZE.matcher(value.trim()).matches()) {
            throw new IllegalArgumentException(heapVariable() + "='" + value + "' is not a heap size such as 512m or 2g");
        }
        return value.trim();
    }

    /** Whether the stage runs models on DJL's PyTorch. */
    public boolean runsPyTorch() {
        return this == TRAINER || this == EVALUATOR;
    }

    public static Stage byCliName(String name) {
        return Arrays.stream(values()).filter(s -> s.cliName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown stage '" + name + "'; one of "
                        + Arrays.stream(values()).map(Stage::cliName).collect(Collectors.joining(", "))));
    }

    /** The other main classes of the stage modules that the CLI runs, each from its stage's classpath. */
    public enum Tool {
        /** {@code bioinstruct filter}: the filter's rules over a JSONL file, without a broker. */
        BATCH_FILTER(FILTER, "org.bioinstruct.filter.BatchFilterMain"),
        /** {@code bioinstruct seed-filter-state}: rebuilds the filter's dedup state from the topics. */
        DEDUP_STATE_SEEDER(FILTER, "org.bioinstruct.filter.DedupStateSeeder"),
        /** {@code bioinstruct create-base-model --domain-tasks}: the offline backend's text as a corpus. */
        DOMAIN_TEXT(GENERATOR, "org.bioinstruct.generator.synthetic.DomainTextCommand"),
        /** {@code bioinstruct create-base-model}: the project's tiny LLaMA base model. */
        TINY_BASE_MODEL(TRAINER, "org.bioinstruct.model.pretrain.TinyBaseModelCommand"),
        /** {@code bioinstruct bench evaluator}. */
        EVALUATOR_BENCHMARK(EVALUATOR, "org.bioinstruct.evaluator.bench.EvaluatorBenchmark");

        private final Stage stage;
        private final String mainClass;

        Tool(Stage stage, String mainClass) {
            this.stage = stage;
            this.mainClass = mainClass;
        }

        /** The stage whose module (and classpath) holds the tool. */
        public Stage stage() {
            return stage;
        }

        public String mainClass() {
            return mainClass;
        }
    }
}
