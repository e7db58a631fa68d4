package org.bioinstruct.infra.registry;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Secret;
import org.bioinstruct.schemas.config.Settings;

/**
 * HTTP basic auth for the registry: users ({@code user:password}, one per line) from the file named by
 * {@value #USERS_FILE}, or comma-separated from environment variable {@value #USERS_ENV}. None configured
 * means open (the local stack, bound to loopback).
 */
public final class RegistryAuth {
    public static final String USERS_FILE = "registry.auth.users.file";
    public static final String USERS_ENV = "BIOINSTRUCT_REGISTRY_USERS";
    static final String REALM = "schema-registry";

    private final Map<String, Secret> users;

    private RegistryAuth(Map<String, Secret> users) {
        this.users = Map.copyOf(users);
    }

    public static RegistryAuth open() {
        return new RegistryAuth(Map.of());
    }

    public static RegistryAuth from(Settings settings, Function<String, String> env) {
        if (settings.has(USERS_FILE)) {
            Path file = Path.of(settings.string(USERS_FILE));
            try {
                return parse(USERS_FILE, Files.readAllLines(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new InvalidConfigException(USERS_FILE, file, "cannot read the users file: " + e.getMessage());
            }
        }
        String fromEnv = env.apply(USERS_ENV);
        return fromEnv == null || fromEnv.isBlank() ? open() : parse(USERS_ENV, List.of(fromEnv.split(",")));
    }

    private static RegistryAuth parse(String source, List<String> lines) {
        Map<String, Secret> users = new TreeMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || colon == line.length() - 1) {
                throw new InvalidConfigException(source, Secret.REDACTED, "each user must be user:password");
            }
            users.put(line.substring(0, colon), Secret.of(line.substring(colon + 1)));
        }
        if (users.isEmpty()) {
            throw new InvalidConfigException(source, Secret.REDACTED, "names no user");
        }
        return new RegistryAuth(users);
    }

    public boolean enabled() {
        return !users.isEmpty();
    }

    /**
     * The handler behind basic auth: a request without valid credentials gets 401, a
     * {@code WWW-Authenticate} challenge and a Confluent-style error body, so clients report "Unauthorized".
     */
    HttpHandler protect(HttpHandler next) {
        if (!enabled()) {
            return next;
        }
        return exchange -> {
            if (authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
                next.handle(exchange);
                return;
            }
            byte[] body = "{\"error_code\":401,\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            exchange.getResponseHeaders().set("Content-Type", Router.CONTENT_TYPE);
            exchange.sendResponseHeaders(401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        };
    }

    private boolean authorised(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        Secret expected = colon <= 0 ? null : users.get(decoded.substring(0, colon));
        return expected != null && MessageDigest.isEqual(expected.reveal().getBytes(StandardCharsets.UTF_8),
                decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return enabled() ? "basic auth for " + users.keySet() : "no auth";
    }
}
