package org.bioinstruct.infra.registry;

import org.bioinstruct.schemas.testkit.SingleNodeKafka;

/** For integration tests: a real single-node broker with the project's registry server on it; closing stops both. */
public final class BrokerAndRegistry implements AutoCloseable {
    private final SingleNodeKafka kafka;
    private final SchemaRegistryServer server;

    private BrokerAndRegistry(SingleNodeKafka kafka, SchemaRegistryServer server) {
        this.kafka = kafka;
        this.server = server;
    }

    /** Starts the broker, then a registry keeping its schemas in {@code schemasTopic}, on a free port. */
    public static BrokerAndRegistry start(String schemasTopic) throws Exception {
        SingleNodeKafka kafka = SingleNodeKafka.start();
        try {
            return new BrokerAndRegistry(kafka, SchemaRegistryServer.start(registryConfig(kafka, schemasTopic)));
        } catch (Exception | Error e) {
            kafka.close();
            throw e;
        }
    }

    /** The settings of a registry on this broker keeping its schemas in {@code schemasTopic}, on a free port. */
    public RegistrySettings registryConfig(String schemasTopic) {
        return registryConfig(kafka, schemasTopic);
    }

    private static RegistrySettings registryConfig(SingleNodeKafka kafka, String schemasTopic) {
        return RegistrySettings.defaults(kafka.bootstrapServers()).withPort(0).withTopic(schemasTopic);
    }

    public SingleNodeKafka kafka() {
        return kafka;
    }

    public SchemaRegistryServer server() {
        return server;
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            kafka.close();
        }
    }
}
