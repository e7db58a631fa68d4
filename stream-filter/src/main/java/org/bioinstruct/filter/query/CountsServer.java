package org.bioinstruct.filter.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interactive queries over HTTP. {@code GET /counts}: the counts of every instance of the application,
 * {@code {"accepted": {"QA": n, ...}, "rejected": {"REASON": n, ...}, "deadLettered": n, "total": n,
 * "instances": k}}; {@code GET /counts/local}: this instance's share, what the others fetch;
 * {@code GET /health}: the streams client's state, 200 while running or rebalancing. While the stores
 * cannot be read (not started yet, rebalancing, another instance not answering) the counts answer 503
 * with {@code {"error": "..."}} and {@code Retry-After}.
 *
 * <p>Bind it first ({@link #start}), give the streams client its address as {@code application.server}
 * ({@link #applicationServer}), then {@link #attach} the client.
 */
public final class CountsServer implements AutoCloseable {
    public static final String COUNTS_PATH = "/counts";
    public static final String LOCAL_PATH = "/counts/local";
    public static final String HEALTH_PATH = "/health";
    private static final Logger LOG = LoggerFactory.getLogger(CountsServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final HostInfo self;
    private final PeerCounts peers;
    private volatile KafkaStreams streams;
    private volatile ClusterCounts counts;

    private CountsServer(HttpServer server, ExecutorService executor, HostInfo self, PeerCounts peers) {
        this.server = server;
        this.executor = executor;
        this.self = self;
        this.peers = peers;
    }

    /** Binds {@code settings.host():settings.port()} (0: any free port) and starts answering. */
    public static CountsServer start(QuerySettings settings) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "filter-query");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        HostInfo self = new HostInfo(settings.advertisedHost(), server.getAddress().getPort());
        CountsServer counts = new CountsServer(server, executor, self, new PeerCounts(settings.peerTimeout()));
        server.createContext("/", counts::handle);
        server.start();
        LOG.info("counts endpoint on http://{}:{}{} (advertised as {})", settings.host(), self.port(), COUNTS_PATH,
                counts.applicationServer());
        return counts;
    }

    /** The value for the streams client's {@code application.server}: advertised host and bound port. */
    public String applicationServer() {
        return self.host() + ":" + self.port();
    }

    public int port() {
        return self.port();
    }

    /** Starts answering from {@code streams}' stores; until then the counts answer 503. */
    public void attach(KafkaStreams streams) {
        this.counts = new ClusterCounts(streams, self, peers);
        this.streams = streams;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                respond(exchange, 405, error("only GET is supported"));
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case COUNTS_PATH -> counts(exchange, false);
                case LOCAL_PATH -> counts(exchange, true);
                case HEALTH_PATH -> health(exchange);
                default -> respond(exchange, 404, error("no such path; try " + COUNTS_PATH + ", " + LOCAL_PATH + " or "
                        + HEALTH_PATH));
            }
        } catch (RuntimeException e) {
            LOG.warn("counts request {} failed: {}", exchange.getRequestURI(), e.toString(), e);
            respond(exchange, 500, error(e.getMessage()));
        }
    }

    private void counts(HttpExchange exchange, boolean localOnly) throws IOException {
        ClusterCounts attached = counts;
        if (attached == null) {
            unavailable(exchange, "the filter has not started its streams client yet; retry shortly");
            return;
        }
        try {
            if (localOnly) {
                respond(exchange, 200, attached.local().toJson());
            } else {
                ClusterCounts.Snapshot snapshot = attached.all();
                Map<String, Object> body = new LinkedHashMap<>(snapshot.counts().toJson());
                body.put("instances", snapshot.instances());
                respond(exchange, 200, body);
            }
        } catch (CountsUnavailableException e) {
            unavailable(exchange, e.getMessage());
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        KafkaStreams attached = streams;
        KafkaStreams.State state = attached == null ? KafkaStreams.State.CREATED : attached.state();
        boolean alive = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        respond(exchange, alive ? 200 : 503, Map.of("state", state.name()));
    }

    private static void unavailable(HttpExchange exchange, String message) throws IOException {
        exchange.getResponseHeaders().set("Retry-After", "1");
        respond(exchange, 503, error(message));
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", String.valueOf(message));
    }

    private static void respond(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] json = CountsJson.write(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }
}
