package org.bioinstruct.generator;

import org.bioinstruct.generator.synthetic.SyntheticBackend;
import java.util.HashMap;
import java.util.Map;
import org.bioinstruct.schemas.config.CommonKeys;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.topics.TopicCatalogue;

/** The generator's validated configuration; building it fails fast naming the bad key. */
public record GeneratorConfig(
        String bootstrapServers,
        String registryUrl,
        int count,
        long seed,
        String backend,
        String runId,
        double rate,
        short replicationFactor,
        TopicCatalogue topics,
        Map<String, String> kafkaOverrides) {

    public static final String COUNT = "generator.count";
    public static final String SEED = "generator.seed";
    public static final String BACKEND = "generator.backend";
    public static final String RATE = "generator.rate";
    public static final String REPLICATION_FACTOR = "generator.replication.factor";

    public static GeneratorConfig from(Settings settings) {
        String backend = settings.string(BACKEND, SyntheticBackend.SOURCE);
        if (!backend.equals(SyntheticBackend.SOURCE)) {
            throw new InvalidConfigException(BACKEND, backend, "unknown backend; supported: synthetic");
        }
        return new GeneratorConfig(
                settings.string(CommonKeys.BOOTSTRAP_SERVERS),
                settings.string(CommonKeys.SCHEMA_REGISTRY_URL),
                settings.intValue(COUNT, 400, 0, Integer.MAX_VALUE),
                settings.longValue(SEED, 42, Long.MIN_VALUE, Long.MAX_VALUE),
                backend,
                settings.string(CommonKeys.RUN_ID, "run"),
                settings.doubleValue(RATE, 0, 0, 1_000_000),
                (short) settings.intValue(REPLICATION_FACTOR, 1, 1, Short.MAX_VALUE),
                TopicCatalogue.from(settings),
                settings.withPrefix(CommonKeys.KAFKA_PREFIX));
    }

    public GenerationBackend createBackend() {
        return new SyntheticBackend(seed);
    }

    public Map<String, Object> serdeConfig() {
        return Map.of(SerdeConfig.REGISTRY_URL, registryUrl);
    }

    public Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(kafkaOverrides);
        config.put("bootstrap.servers", bootstrapServers);
        config.put("enable.idempotence", true);
        config.put("acks", "all");
        config.put("linger.ms", 5);
        config.put("client.id", "bioinstruct-generator-" + runId);
        return config;
    }

    public Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>(kafkaOverrides);
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }
}
