package org.bioinstruct.generator;

import org.bioinstruct.generator.corpus.CorpusImportSettings;
import org.bioinstruct.generator.llm.openai.OpenAiChatClient;
import org.bioinstruct.generator.llm.openai.OpenAiSettings;
import org.bioinstruct.generator.selfinstruct.SelfInstructSettings;
import org.bioinstruct.generator.synthetic.SyntheticBackend;
import java.util.Map;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.KafkaClientConfigs;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.config.StageScoped;
import org.bioinstruct.schemas.config.StageSettings;

/** The generator's validated configuration; building it fails fast naming the bad key. */
public record GeneratorSettings(
        StageSettings stage,
        int count,
        long seed,
        String backend,
        BackendFactory backendFactory,
        double rate,
        short replicationFactor) implements StageScoped {

    public static final String COUNT = "generator.count";
    public static final String SEED = "generator.seed";
    public static final String BACKEND = "generator.backend";
    public static final String RATE = "generator.rate";
    public static final String REPLICATION_FACTOR = "generator.replication.factor";
    public static final String OFFLINE = "offline";
    public static final String IMPORT = "import";
    /** The BioInstruct self-instruct method against an OpenAI-compatible chat completions server. */
    public static final String OPENAI = "openai";

    /** Makes the backend; every setting it needs was validated when the config was built. */
    @FunctionalInterface
    public interface BackendFactory {
        GenerationBackend create();
    }

    public static GeneratorSettings from(Settings settings) {
        long seed = settings.longValue(SEED, 42, Long.MIN_VALUE, Long.MAX_VALUE);
        String backend = settings.string(BACKEND, OFFLINE);
        return new GeneratorSettings(
                StageSettings.from(settings),
                settings.intValue(COUNT, 400, 0, Integer.MAX_VALUE),
                seed,
                backend,
                backendFactory(backend, seed, settings),
                settings.doubleValue(RATE, 0, 0, 1_000_000),
                (short) settings.intValue(REPLICATION_FACTOR, 1, 1, Short.MAX_VALUE));
    }

    private static BackendFactory backendFactory(String backend, long seed, Settings settings) {
        return switch (backend) {
            case OFFLINE, SyntheticBackend.SOURCE -> () -> new SyntheticBackend(seed);
            case IMPORT -> CorpusImportSettings.from(settings)::createBackend;
            case OPENAI -> {
                OpenAiSettings llm = OpenAiSettings.from(settings);
                SelfInstructSettings selfInstruct = SelfInstructSettings.from(settings);
                yield () -> selfInstruct.createBackend(settings, new OpenAiChatClient(llm), seed);
            }
            default -> throw new InvalidConfigException(BACKEND, backend, "unknown backend; one of " + OFFLINE
                    + " (alias " + SyntheticBackend.SOURCE + "), " + OPENAI + ", " + IMPORT);
        };
    }

    /** The configured backend; {@code generator.count} 0 means "until it runs out" (an import's end of file). */
    public GenerationBackend createBackend() {
        return backendFactory.create();
    }

    public Map<String, Object> producerConfig() {
        Map<String, Object> config = KafkaClientConfigs.client(bootstrapServers(), kafkaOverrides());
        config.put("enable.idempotence", true);
        config.put("acks", "all");
        config.put("linger.ms", 5);
        config.put("client.id", "bioinstruct-generator-" + runId());
        return config;
    }

    public Map<String, Object> adminConfig() {
        return KafkaClientConfigs.client(bootstrapServers(), kafkaOverrides());
    }
}
