package org.bioinstruct.infra.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.bioinstruct.infra.stack.StackState;
import org.bioinstruct.schemas.config.CommonKeys;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.serde.SerdeConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Which Kafka the operator commands talk to: a cluster described by a properties file (bootstrap servers,
 * registry URL, topic names, the {@code kafka.*} security block), or else the local stack in --data-dir.
 */
final class ClusterOptions {
    @Mixin
    DataDirOption dataDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file naming bootstrap.servers, schema.registry.url, topic names and the "
                    + "kafka.* security block (secrets only as *.file paths or environment); default: the local stack.")
    Path config;

    Optional<Path> configFile() {
        return Optional.ofNullable(config);
    }

    Settings settings() {
        if (config != null) {
            return Settings.load(config, Map.of());
        }
        return forLocalStack(dataDir.runningStack());
    }

    static String bootstrapServers(Settings settings) {
        return settings.string(CommonKeys.BOOTSTRAP_SERVERS);
    }

    /** The {@code kafka.*} block (TLS, SASL) every client of the command is built with. */
    static Map<String, String> kafkaOverrides(Settings settings) {
        return settings.withPrefix(CommonKeys.KAFKA_PREFIX);
    }

    /** The registry URL plus its credentials file, for the Avro serdes ({@link SerdeConfig#of}). */
    static Map<String, String> serdeConfig(Settings settings) {
        return SerdeConfig.of(settings);
    }

    static Settings forLocalStack(StackState state) {
        return Settings.of(Map.of(CommonKeys.BOOTSTRAP_SERVERS, state.bootstrapServers(),
                CommonKeys.SCHEMA_REGISTRY_URL, state.registryUrl()));
    }
}
