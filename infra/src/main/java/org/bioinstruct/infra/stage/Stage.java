package org.bioinstruct.infra.stage;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The pipeline's stages: each its own Maven module, main class and JVM. */
public enum Stage {
    GENERATOR("generator", "stream-generator", "org.bioinstruct.generator.GeneratorMain", "-Xmx256m"),
    FILTER("filter", "stream-filter", "org.bioinstruct.filter.FilterApp", "-Xmx384m"),
    SHARD_BUILDER("shard-builder", "shard-builder", "org.bioinstruct.shards.ShardBuilderJob", "-Xmx768m"),
    TRAINER("trainer", "trainer", "org.bioinstruct.trainer.TrainerMain", "-Xmx1g"),
    EVALUATOR("evaluator", "evaluator", "org.bioinstruct.evaluator.EvaluatorMain", "-Xmx1g");

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

    /** JVM options: modest heap; DJL must never try to download anything; torch shares 2 cores politely. */
    public List<String> jvmArgs() {
        return List.of(heap, "-XX:+UseSerialGC", "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1");
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
}
