package org.bioinstruct.filter.query;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;

/**
 * Where the counts endpoint listens. Keys (defaults): {@code filter.query.enabled} (true),
 * {@code filter.query.host} (127.0.0.1, loopback only), {@code filter.query.port} (0: any free port, so
 * several instances can share a machine; the chosen port is logged and advertised to the other instances
 * through {@code application.server}), {@code filter.query.advertised.host} (the host; required when the host
 * is a wildcard address), {@code filter.query.peer.timeout.ms} (2000, per request to another instance).
 */
public record QuerySettings(boolean enabled, String host, int port, String advertisedHost, Duration peerTimeout) {
    public static final String ENABLED = "filter.query.enabled";
    public static final String HOST = "filter.query.host";
    public static final String PORT = "filter.query.port";
    public static final String ADVERTISED_HOST = "filter.query.advertised.host";
    public static final String PEER_TIMEOUT_MS = "filter.query.peer.timeout.ms";
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]");

    public static QuerySettings defaults() {
        return from(Settings.of(Map.of()));
    }

    /** Throws {@link InvalidConfigException} naming the first bad key. */
    public static QuerySettings from(Settings settings) {
        boolean enabled = settings.booleanValue(ENABLED, true);
        String host = settings.string(HOST, "127.0.0.1");
        int port = settings.intValue(PORT, 0, 0, 65_535);
        if (WILDCARDS.contains(host) && !settings.has(ADVERTISED_HOST)) {
            throw new InvalidConfigException(ADVERTISED_HOST, null, "required when " + HOST + " is the wildcard address "
                    + host + ": the other instances need an address to reach this one");
        }
        String advertised = settings.string(ADVERTISED_HOST, host);
        long timeoutMs = settings.longValue(PEER_TIMEOUT_MS, 2000, 10, 600_000);
        return new QuerySettings(enabled, host, port, advertised, Duration.ofMillis(timeoutMs));
    }
}
