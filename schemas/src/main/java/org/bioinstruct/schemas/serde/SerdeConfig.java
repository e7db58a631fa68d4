package org.bioinstruct.schemas.serde;

import java.util.Map;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.registry.ConfluentSchemaRegistry;
import org.bioinstruct.schemas.registry.InMemorySchemaRegistry;
import org.bioinstruct.schemas.registry.RegistryCredentials;
import org.bioinstruct.schemas.registry.SchemaRegistry;

/** Serde configuration keys, named as Confluent's serdes name them. */
public final class SerdeConfig {
    public static final String REGISTRY_URL = "schema.registry.url";

    private SerdeConfig() {
    }

    /** The registry a serde config names: {@code mock://scope} in memory, otherwise over HTTP. */
    public static SchemaRegistry registry(Map<String, ?> configs) {
        Object url = configs.get(REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new InvalidConfigException(REGISTRY_URL, url, "the Avro serdes need the registry's URL");
        }
        String value = url.toString().trim();
        if (value.startsWith(InMemorySchemaRegistry.MOCK_SCHEME)) {
            return InMemorySchemaRegistry.scope(value.substring(InMemorySchemaRegistry.MOCK_SCHEME.length()));
        }
        return ConfluentSchemaRegistry.shared(value, RegistryCredentials.userInfo(configs));
    }
}
