package org.bioinstruct.infra.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bioinstruct.infra.process.BuiltModule;
import org.bioinstruct.infra.process.JvmProcess;
import org.bioinstruct.infra.process.ProjectLayout;
import org.bioinstruct.infra.registry.SchemaRegistryServer;

/** The project's Confluent-compatible Schema Registry server in its own JVM. */
public final class RegistryProcess {
    static final String MAIN_CLASS = SchemaRegistryServer.class.getName();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private RegistryProcess() {
    }

    public static JvmProcess start(ProjectLayout layout, Path dataDir, int port, String bootstrapServers) {
        JvmProcess registry = JvmProcess.start("schema-registry", layout.classpath(BuiltModule.REGISTRY),
                List.of("-Xmx256m"),
                MAIN_CLASS,
                List.of("bootstrap.servers=" + bootstrapServers, "registry.host=127.0.0.1", "registry.port=" + port),
                dataDir.resolve("logs").resolve("schema-registry.log"));
        awaitReady(registry, "http://127.0.0.1:" + port + "/");
        return registry;
    }

    private static void awaitReady(JvmProcess registry, String url) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!registry.isAlive()) {
                throw new IllegalStateException("schema registry exited during start-up:\n" + registry.logTail(30));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("schema registry not ready after " + READY_TIMEOUT.toSeconds() + " s:\n"
                + registry.logTail(30));
    }
}
