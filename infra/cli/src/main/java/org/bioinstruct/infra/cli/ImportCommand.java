package org.bioinstruct.infra.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bioinstruct.infra.stage.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Turns an existing BioNLP corpus file into instructions (Rohanian et al. 2024) and sends them",
                "to the raw topic of the local stack. Ids are content hashes: importing the same file twice",
                "adds nothing downstream. Malformed lines are reported with file and line and skipped."})
final class ImportCommand implements Callable<Integer> {
    @Mixin
    DataDirOption dataDir;

    @Option(names = "--format", required = true,
            description = "conll (BIO NER), re-tsv (relation extraction), nli (MedNLI JSONL), mcqa (MedQA/PubMedQA JSONL), "
                    + "instructions (instruction/input/output JSONL).")
    String format;

    @Parameters(index = "0", paramLabel = "FILE", description = "The corpus file.")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any generator setting, e.g. --set import.ner.output=entities.")
    Map<String, String> settings = new HashMap<>();

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read corpus file " + file.toAbsolutePath());
        }
        Map<String, String> config = new HashMap<>(settings);
        config.put("generator.backend", "import");
        config.put("generator.count", "0");
        config.put("import.format", format);
        config.put("import.file", file.toAbsolutePath().toString());
        config.putIfAbsent("run.id", "import-" + file.getFileName());
        return ForegroundStage.run(dataDir, Stage.GENERATOR, config, List.of());
    }
}
