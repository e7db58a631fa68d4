package org.bioinstruct.infra.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard's web server: the page and its script from {@code /dashboard/} on the classpath, Chart.js from its
 * WebJar (no CDN), and {@code /events}, a server-sent event stream that sends the whole state as a
 * {@code snapshot} event on connect and again whenever it changed, at most every {@value #PUSH_MS} ms.
 */
public final class DashboardServer implements AutoCloseable {
    static final long PUSH_MS = 500;
    private static final Map<String, String> PAGES = Map.of(
            "/", "/dashboard/index.html",
            "/dashboard.js", "/dashboard/dashboard.js",
            "/dashboard.css", "/dashboard/dashboard.css",
            "/chart.umd.js", chartJsResource());

    private final HttpServer http;
    private final DashboardState state;
    private final List<OutputStream> subscribers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dashboard-push");
        t.setDaemon(true);
        return t;
    });
    private long pushedVersion = -1;

    private DashboardServer(HttpServer http, DashboardState state) {
        this.http = http;
        this.state = state;
    }

    public static DashboardServer start(String bindAddress, int port, DashboardState state) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        DashboardServer server = new DashboardServer(http, state);
        http.createContext("/", server::serve);
        http.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dashboard-http");
            t.setDaemon(true);
            return t;
        }));
        http.start();
        server.pusher.scheduleWithFixedDelay(server::pushIfChanged, PUSH_MS, PUSH_MS, TimeUnit.MILLISECONDS);
        return server;
    }

    public URI uri() {
        InetSocketAddress address = http.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort() + "/");
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!exchange.getRequestMethod().equals("GET")) {
            reply(exchange, 405, "text/plain", "GET only".getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/events")) {
            subscribe(exchange);
        } else if (path.equals("/state")) {
            reply(exchange, 200, "application/json", state.toJson().getBytes(StandardCharsets.UTF_8));
        } else if (PAGES.containsKey(path)) {
            try (InputStream in = DashboardServer.class.getResourceAsStream(PAGES.get(path))) {
                if (in == null) {
                    reply(exchange, 500, "text/plain", ("missing resource " + PAGES.get(path)).getBytes(StandardCharsets.UTF_8));
                    return;
                }
                reply(exchange, 200, contentType(path), in.readAllBytes());
            }
        } else {
            reply(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void subscribe(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        synchronized (out) {
            out.write(event(state.toJson()));
            out.flush();
        }
        subscribers.add(out);
    }

    private synchronized void pushIfChanged() {
        long version = state.version();
        if (version == pushedVersion || subscribers.isEmpty()) {
            return;
        }
        pushedVersion = version;
        byte[] event = event(state.toJson());
        for (OutputStream out : subscribers) {
            try {
                synchronized (out) {
                    out.write(event);
                    out.flush();
                }
            } catch (IOException e) {
                subscribers.remove(out);
                try {
                    out.close();
                } catch (IOException ignored) {
                    // the browser is gone already
                }
            }
        }
    }

    private static byte[] event(String json) {
        return ("event: snapshot\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Chart.js's UMD build inside its WebJar, whose folder is named by the version the build put on the classpath. */
    static String chartJsResource() {
        java.util.Properties pom = new java.util.Properties();
        try (InputStream in = DashboardServer.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/chart.js/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the Chart.js WebJar (org.webjars.npm:chart.js) is not on the classpath");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return "/META-INF/resources/webjars/chart.js/" + pom.getProperty("version") + "/dist/chart.umd.js";
    }

    private static String contentType(String path) {
        if (path.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return path.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        pusher.shutdownNow();
        subscribers.forEach(out -> {
            try {
                out.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        });
        http.stop(0);
    }
}
