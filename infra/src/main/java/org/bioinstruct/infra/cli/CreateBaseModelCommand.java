package org.bioinstruct.infra.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.infra.stage.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "create-base-model", mixinStandardHelpOptions = true,
        description = {"Writes the project's tiny LLaMA base model in the Hugging Face layout (config.json,",
                "model.safetensors, tokenizer.json, tokenizer_config.json, generation_config.json), optionally",
                "pre-trained for a few hundred steps on the project's own biomedical text. A directory that already",
                "holds a model is left as it is."})
final class CreateBaseModelCommand implements Callable<Integer> {
    static final String MAIN_CLASS = "org.bioinstruct.trainer.model.TinyBaseModelCommand";

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the model goes.")
    Path out;

    @Option(names = "--pretrain-steps", defaultValue = "0",
            description = "Full-parameter pre-training steps on the project's text (default: ${DEFAULT-VALUE}).")
    int pretrainSteps;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the initial weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Dai.djl.offline=true", "-cp", ProjectLayout.detect().classpath(Stage.TRAINER.module()),
                MAIN_CLASS, "--out", out.toAbsolutePath().toString(), "--pretrain-steps", Integer.toString(pretrainSteps),
                "--seed", Long.toString(seed));
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
