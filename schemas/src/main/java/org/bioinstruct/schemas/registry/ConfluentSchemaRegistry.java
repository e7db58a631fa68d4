package org.bioinstruct.schemas.registry;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.bioinstruct.schemas.config.Secret;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.ParsedSchema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.avro.AvroSchema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.CachedSchemaRegistryClient;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.rest.exceptions.RestClientException;

/**
 * {@link SchemaRegistry} backed by the genuine Confluent client (shaded inside Flink's
 * {@code flink-sql-avro-confluent-registry}). The client carries its own shaded Avro, so schemas cross
 * the boundary as JSON text.
 */
public final class ConfluentSchemaRegistry implements SchemaRegistry {
    private static final int CACHE_CAPACITY = 1_000;
    private static final Map<SharedKey, ConfluentSchemaRegistry> SHARED = new ConcurrentHashMap<>();

    private final CachedSchemaRegistryClient client;
    private final String url;
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

    private record SharedKey(String url, String userInfo) {
        @Override
        public String toString() {
            return url;
        }
    }

    /** Cache key; Avro caches a schema's hash code, so a hit costs no schema-to-JSON rendering. */
    private record SubjectSchema(String subject, Schema schema) {
    }

    public ConfluentSchemaRegistry(String url) {
        this(url, Map.of());
    }

    /** @param clientConfig Confluent client settings, e.g. {@code basic.auth.credentials.source}. */
    public ConfluentSchemaRegistry(String url, Map<String, ?> clientConfig) {
        this.url = url;
        this.client = new CachedSchemaRegistryClient(url, CACHE_CAPACITY, clientConfig);
    }

    /** One client per URL per JVM, shared by every serde of that process. */
    public static ConfluentSchemaRegistry shared(String url) {
        return shared(url, Optional.empty());
    }

    /** One client per URL and credentials per JVM; {@code userInfo} is basic auth ({@code user:password}). */
    public static ConfluentSchemaRegistry shared(String url, Optional<Secret> userInfo) {
        return SHARED.computeIfAbsent(new SharedKey(url, userInfo.map(Secret::reveal).orElse("")),
                k -> new ConfluentSchemaRegistry(url, RegistryCredentials.clientConfig(userInfo)));
    }

    public String url() {
        return url;
    }

    @Override
    public int register(String subject, Schema schema) {
        return idsBySubjectAndSchema.computeIfAbsent(new SubjectSchema(subject, schema), k -> {
            String json = schema.toString();
            try {
                int id = client.register(subject, new AvroSchema(json));
                byId.putIfAbsent(id, schema);
                return id;
            } catch (RestClientException e) {
                throw new RegistryException("registry refused schema for subject '" + subject + "' at " + url
                        + ": " + e.getMessage(), e.getErrorCode(), e);
            } catch (IOException e) {
                throw new RegistryException("registry at " + url + " unreachable registering subject '"
                        + subject + "': " + e.getMessage(), e);
            }
        });
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = byId.get(id);
        if (cached != null) {
            return cached;
        }
        try {
            ParsedSchema parsed = client.getSchemaById(id);
            Schema schema = new Schema.Parser().parse(parsed.canonicalString());
            byId.put(id, schema);
            return schema;
        } catch (RestClientException e) {
            if (e.getStatus() == 404) {
                throw new UnknownSchemaIdException(id, e);
            }
            throw new RegistryException("registry at " + url + " failed looking up schema id " + id + ": "
                    + e.getMessage(), e.getErrorCode(), e);
        } catch (IOException e) {
            throw new RegistryException("registry at " + url + " unreachable looking up schema id " + id, e);
        }
    }
}
