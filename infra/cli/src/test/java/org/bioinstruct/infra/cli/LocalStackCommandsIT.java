package org.bioinstruct.infra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.bioinstruct.infra.stack.LocalStack;
import org.bioinstruct.infra.stack.StackState;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.schemas.topics.TopicSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bioinstruct up}, {@code status} and {@code down} against real broker and registry JVMs. */
class LocalStackCommandsIT {

    @TempDir
    Path dataDir;

    private static int run(ByteArrayOutputStream captured, String... args) {
        PrintStream original = System.out;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            return BioInstructCli.commandLine().execute(args);
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void upStartsBrokerAndRegistryWithEveryTopicAndDownStopsThem() throws Exception {
        String dir = dataDir.toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertEquals(0, run(out, "up", "--data-dir", dir, "--broker-port", "0", "--controller-port", "0",
                    "--registry-port", "0"), out.toString());
            StackState state = StackState.read(dataDir).orElseThrow();
            assertTrue(LocalStack.isRunning(state));

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, state.bootstrapServers()))) {
                Set<String> topics = admin.listTopics().names().get();
                for (TopicSpec<?, ?> spec : TopicCatalogue.defaults().all()) {
                    assertTrue(topics.contains(spec.name()), "missing topic " + spec.name());
                }
            }
            HttpResponse<String> subjects = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(state.registryUrl() + "/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, subjects.statusCode());

            ByteArrayOutputStream status = new ByteArrayOutputStream();
            assertEquals(0, run(status, "status", "--data-dir", dir));
            String shown = status.toString(StandardCharsets.UTF_8);
            assertTrue(shown.contains("bioinstruct.instructions.raw"), shown);
            assertTrue(shown.contains("running (pid " + state.brokerPid() + ")"), shown);

            assertEquals(1, run(new ByteArrayOutputStream(), "up", "--data-dir", dir, "--broker-port", "0",
                    "--controller-port", "0", "--registry-port", "0"), "a second 'up' on the same data dir is refused");
        } finally {
            run(new ByteArrayOutputStream(), "down", "--data-dir", dir);
        }
        assertFalse(LocalStack.isRunning(StackState.read(dataDir).orElseThrow()));
    }
}
