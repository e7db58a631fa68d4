package org.bioinstruct.schemas.config;

/** Setting keys every stage understands. */
public final class CommonKeys {
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String DATA_DIR = "data.dir";
    public static final String RUN_ID = "run.id";
    /** Extra Kafka client properties, e.g. {@code kafka.security.protocol}. */
    public static final String KAFKA_PREFIX = "kafka.";

    private CommonKeys() {
    }
}
