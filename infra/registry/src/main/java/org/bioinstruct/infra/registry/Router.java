package org.bioinstruct.infra.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches requests by method and path template ({@code /subjects/{subject}/versions}), answering
 * every failure with a Confluent-style error body: 404 for an unknown path, 405 for a known path with
 * another method, 415 for a body that is not JSON.
 */
public final class Router implements HttpHandler {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final List<String> ACCEPTED_BODY_TYPES = List.of(
            "application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json",
            "application/json", "application/octet-stream");
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private record Route(String method, String[] template, Function<RegistryRequest, Reply> handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Router on(String method, String template, Function<RegistryRequest, Reply> handler) {
        routes.add(new Route(method, segments(template), handler));
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Reply reply;
        try {
            reply = dispatch(exchange);
        } catch (RegistryError e) {
            reply = Reply.error(e.httpStatus(), e.errorCode(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            reply = Reply.error(500, 500, "Internal Server Error: " + e.getMessage());
        }
        send(exchange, reply);
    }

    private Reply dispatch(HttpExchange exchange) throws IOException {
        String[] path = segments(exchange.getRequestURI().getRawPath());
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> params = match(route.template(), path);
            if (params == null) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(method)) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (body.length > 0) {
                    requireJson(exchange.getRequestHeaders().getFirst("Content-Type"));
                }
                return route.handler().apply(new RegistryRequest(params, query(exchange), body));
            }
        }
        return pathKnown ? Reply.error(405, 405, "HTTP 405 Method Not Allowed")
                : Reply.error(404, 404, "HTTP 404 Not Found");
    }

    private static void requireJson(String contentType) {
        if (contentType == null) {
            return;
        }
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!ACCEPTED_BODY_TYPES.contains(type)) {
            throw new RegistryError(415, 415, "HTTP 415 Unsupported Media Type");
        }
    }

    private static Map<String, String> match(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                params.put(t.substring(1, t.length() - 1), path[i]);
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    /** Path segments, each percent-decoded ('+' stays a plus, as in paths it is no space). */
    private static String[] segments(String rawPath) {
        String trimmed = rawPath.replaceAll("^/+|/+$", "");
        if (trimmed.isEmpty()) {
            return new String[0];
        }
        String[] parts = trimmed.split("/+");
        for (int i = 0; i < parts.length; i++) {
            parts[i] = URLDecoder.decode(parts[i].replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        return parts;
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            query.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
