package org.bioinstruct.schemas.serde;

import java.util.HashMap;
import java.util.Map;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.bioinstruct.schemas.registry.ConfluentSchemaRegistry;
import org.bioinstruct.schemas.registry.InMemorySchemaRegistry;
import org.bioinstruct.schemas.registry.RegistryCredentials;
import org.bioinstruct.schemas.registry.SchemaRegistry;

/** Serde configuration keys, named as Confluent's serdes name them. */
public final class SerdeConfig {
    public static final String REGISTRY_URL = "schema.registry.url";

    private SerdeConfig() {
    }

    /**
     * The serde config a stage's settings give: the registry's URL and, when set, the file holding its
     * basic-auth credentials ({@link RegistryCredentials}). The credentials are checked here, so a missing or
     * malformed file, or a password given as a plain setting, fails at start-up naming its key.
     */
    public static Map<String, String> of(Settings settings) {
        Map<String, String> config = new HashMap<>();
        config.put(REGISTRY_URL, settings.string(REGISTRY_URL));
        for (String key : new String[] {RegistryCredentials.USER_INFO, RegistryCredentials.USER_INFO_FILE}) {
            if (settings.has(key)) {
                config.put(key, settings.string(key));
            }
        }
        RegistryCredentials.userInfo(config);
        return Map.copyOf(config);
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
