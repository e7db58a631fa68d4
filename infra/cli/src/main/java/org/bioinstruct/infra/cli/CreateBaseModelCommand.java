package org.bioinstruct.infra.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bioinstruct.infra.process.JvmProcess;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.infra.stage.Stage.Tool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "create-base-model", mixinStandardHelpOptions = true,
        description = {"Writes the project's tiny LLaMA base model in the Hugging Face layout (config.json,",
                "model.safetensors, tokenizer.json, tokenizer_config.json, generation_config.json), of the width and",
                "depth given (heads of 16 dimensions, two query heads per key/value head), optionally",
                "pre-trained for a few hundred steps on the project's own biomedical text, on a corpus file, or on",
                "the offline backend's domain text (--domain-tasks: inputs and outputs of N tasks as plain documents,",
                "no instructions, drawn with a seed of their own). A directory that already holds a model is left as",
                "it is."})
final class CreateBaseModelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the model goes.")
    Path out;

    @Option(names = "--pretrain-steps", defaultValue = "0",
            description = "Full-parameter pre-training steps on the project's text (default: ${DEFAULT-VALUE}).")
    int pretrainSteps;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the initial weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--corpus", paramLabel = "FILE",
            description = "Pre-train (and train the tokenizer) on this file: one JSON string per line.")
    Path corpus;

    @Option(names = "--domain-tasks", defaultValue = "0", paramLabel = "N",
            description = "Pre-train on the offline backend's text of N tasks, written to DIR.corpus.jsonl first.")
    int domainTasks;

    @Option(names = "--domain-seed", defaultValue = "1000",
            description = "Seed of the domain text; keep it apart from the runs' seeds (default: ${DEFAULT-VALUE}).")
    long domainSeed;

    @Option(names = "--hidden-size", defaultValue = "64", paramLabel = "H",
            description = "Hidden size, a multiple of 32 (default: ${DEFAULT-VALUE}).")
    int hiddenSize;

    @Option(names = "--layers", defaultValue = "2", paramLabel = "L",
            description = "Decoder layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Override
    public Integer call() throws Exception {
        if (corpus != null && domainTasks > 0) {
            throw new ParameterException(spec.commandLine(), "--corpus and --domain-tasks exclude each other");
        }
        Path absolute = out.toAbsolutePath();
        Path corpusFile = corpus;
        if (domainTasks > 0) {
            corpusFile = absolute.resolveSibling(absolute.getFileName() + ".corpus.jsonl");
            int written = java(Tool.DOMAIN_TEXT, List.of("--out", corpusFile.toString(),
                    "--tasks", Integer.toString(domainTasks), "--seed", Long.toString(domainSeed)));
            if (written != 0) {
                return written;
            }
        }
        List<String> arguments = new ArrayList<>(List.of("--out", absolute.toString(),
                "--pretrain-steps", Integer.toString(pretrainSteps), "--seed", Long.toString(seed),
                "--hidden-size", Integer.toString(hiddenSize), "--layers", Integer.toString(layers)));
        if (corpusFile != null) {
            arguments.addAll(List.of("--corpus", corpusFile.toAbsolutePath().toString()));
        }
        return java(Tool.TINY_BASE_MODEL, arguments);
    }

    /** One torch thread, as the stages use: on a few shared cores more threads make pre-training many times slower. */
    private static int java(Tool tool, List<String> arguments) throws IOException, InterruptedException {
        List<String> jvmArgs = List.of("-Xmx2g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1");
        return new ProcessBuilder(JvmProcess.command(ProjectLayout.detect().classpath(tool.stage().module()), jvmArgs,
                tool.mainClass(), arguments)).inheritIO().start().waitFor();
    }
}
