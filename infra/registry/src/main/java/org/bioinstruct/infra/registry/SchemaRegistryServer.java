package org.bioinstruct.infra.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;

/**
 * A Confluent-compatible Schema Registry for Avro: REST API over the JDK's HTTP server, state kept in a
 * compacted Kafka topic and replayed to its end before the first request is served.
 *
 * <p>Run: {@code SchemaRegistryServer bootstrap.servers=HOST:PORT [registry.port=8081] [registry.host=127.0.0.1]
 * [registry.topic=_schemas] [registry.kafka.timeout.ms=30000] [registry.auth.users.file=FILE]
 * [kafka.<client property>=...]}. It binds loopback unless {@code registry.host} says otherwise; basic auth
 * users come from {@link RegistryAuth} (a file or the environment, never the command line).
 */
public final class SchemaRegistryServer implements AutoCloseable {
    private static final int HTTP_THREADS = 4;

    private final HttpServer http;
    private final ExecutorService executor;
    private final SchemaLog log;
    private final String host;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();

    private SchemaRegistryServer(HttpServer http, ExecutorService executor, SchemaLog log, String host) {
        this.http = http;
        this.executor = executor;
        this.log = log;
        this.host = host;
    }

    public static SchemaRegistryServer start(Settings settings) {
        return start(RegistrySettings.from(settings));
    }

    /** Prepares the topic, replays it, then starts answering HTTP; returns once ready. */
    public static SchemaRegistryServer start(RegistrySettings config) {
        KafkaSchemaLog log = KafkaSchemaLog.open(config);
        try {
            SchemaStore store = new SchemaStore();
            log.replay(store::apply);
            SchemaRegistryService service = new SchemaRegistryService(store, log, new CompatibilityChecker());
            return serve(config.host(), config.port(), config.auth(), service, log);
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    private static SchemaRegistryServer serve(String host, int port, RegistryAuth auth, SchemaRegistryService service,
                                              SchemaLog log) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(HTTP_THREADS, r -> {
            Thread t = new Thread(r, "schema-registry-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.createContext("/", auth.protect(new RegistryRoutes(service).router()));
        http.setExecutor(executor);
        http.start();
        return new SchemaRegistryServer(http, executor, log, host);
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public String url() {
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shownHost + ":" + port();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            http.stop(1);
            executor.shutdown();
            log.close();
        } finally {
            closed.countDown();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        RegistrySettings config;
        try {
            config = RegistrySettings.from(Settings.fromArgs(args));
        } catch (InvalidConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("schema registry starting: topic " + config.topic() + " at " + config.bootstrapServers()
                + ", " + config.auth());
        SchemaRegistryServer server;
        try {
            server = start(config);
        } catch (RuntimeException e) {
            String root = KafkaSchemaLog.rootMessage(e);
            System.err.println("schema registry failed to start: " + e.getMessage()
                    + (String.valueOf(e.getMessage()).contains(root) ? "" : " (" + root + ")"));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            System.out.println("schema registry stopped");
        }, "schema-registry-shutdown"));
        System.out.println("schema registry listening on " + server.url());
        server.awaitClose();
    }
}
