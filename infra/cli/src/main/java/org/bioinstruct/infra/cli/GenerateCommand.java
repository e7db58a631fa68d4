package org.bioinstruct.infra.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bioinstruct.infra.stage.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generates instructions into the raw topic of the local stack (start it with 'bioinstruct up').",
                "Backends: offline (deterministic synthetic biomedical tasks) or openai (the BioInstruct",
                "self-instruct method against any OpenAI-compatible server: OpenAI, vLLM, Ollama, llama.cpp;",
                "set llm.base.url and llm.model, the API key comes from $OPENAI_API_KEY or llm.api.key.file)."})
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    DataDirOption dataDir;

    @Option(names = "--backend", defaultValue = "offline", description = "offline or openai (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--count", defaultValue = "1000", paramLabel = "N", description = "Tasks to generate (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--seed", defaultValue = "42", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rate", defaultValue = "0", description = "Records per second, 0 = as fast as possible.")
    double rate;

    @Option(names = "--run-id", description = "Run id, the prefix of generated ids (default: gen-<seed>).")
    String runId;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any generator setting, e.g. --set llm.base.url=http://127.0.0.1:8000/v1 --set llm.model=llama3.")
    Map<String, String> settings = new HashMap<>();

    @Override
    public Integer call() throws Exception {
        Map<String, String> config = new HashMap<>(settings);
        config.put("generator.backend", backend);
        config.put("generator.count", Long.toString(count));
        config.put("generator.seed", Long.toString(seed));
        config.put("generator.rate", Double.toString(rate));
        config.put("run.id", runId != null ? runId : "gen-" + seed);
        return ForegroundStage.run(dataDir, Stage.GENERATOR, config, List.of());
    }
}
