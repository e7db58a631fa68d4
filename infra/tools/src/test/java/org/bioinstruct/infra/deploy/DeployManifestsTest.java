package org.bioinstruct.infra.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.schemas.topics.TopicSpec;
import org.junit.jupiter.api.Test;

/** Parses every manifest under infra/deploy and checks the structure operators rely on. */
class DeployManifestsTest {
    private static final Path DEPLOY = Path.of("../deploy");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final List<String> STAGES = List.of("generator", "filter", "trainer", "evaluator", "dashboard");
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|jaas|user[._-]?info|token).*");

    private static List<JsonNode> documents(Path file) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            it.forEachRemaining(d -> {
                if (d != null && !d.isNull() && !d.isMissingNode()) {
                    docs.add(d);
                }
            });
        }
        return docs;
    }

    private static Map<String, JsonNode> composeServices() throws Exception {
        JsonNode compose = documents(DEPLOY.resolve("compose/docker-compose.yml")).get(0);
        Map<String, JsonNode> services = new HashMap<>();
        compose.get("services").fields().forEachRemaining(e -> {
            ObjectNode service = e.getValue().deepCopy();
            // Jackson keeps YAML merge keys (<<: *stage) unresolved: apply the x-stage anchor by hand
            JsonNode merged = service.has("<<") ? compose.get("x-stage") : null;
            service.remove("<<");
            if (merged != null) {
                merged.fields().forEachRemaining(f -> service.putIfAbsent(f.getKey(), f.getValue()));
            }
            services.put(e.getKey(), service);
        });
        return services;
    }

    @Test
    void composeRunsKraftKafkaRegistryFlinkAndEveryStageFromOneImage() throws Exception {
        Map<String, JsonNode> services = composeServices();
        assertTrue(services.get("kafka").get("image").asText().startsWith("apache/kafka:"));
        assertTrue(services.get("kafka").get("environment").get("KAFKA_PROCESS_ROLES").asText().contains("controller"));
        assertTrue(services.get("schema-registry").get("image").asText().startsWith("confluentinc/cp-schema-registry:"));
        assertTrue(services.get("jobmanager").get("command").asText().contains("ShardBuilderClusterJob"));
        assertTrue(services.get("jobmanager").get("volumes").toString().contains("shard-builder-0.1.0-SNAPSHOT-job.jar"));
        assertEquals("taskmanager", services.get("taskmanager").get("command").asText());
        for (String stage : STAGES) {
            JsonNode service = services.get(stage);
            assertEquals("bioinstruct/stage:0.1.0", service.get("image").asText(), stage);
            assertEquals(stage, service.get("command").get(0).asText(), stage);
        }
        String init = services.get("kafka-init").get("command").get(0).asText();
        for (TopicSpec<?, ?> spec : TopicCatalogue.defaults().all()) {
            assertTrue(init.contains(spec.name() + ":" + spec.partitions()), spec.name());
        }
        assertTrue(services.get("trainer").get("deploy").toString().contains("gpu"));
        assertEquals("3g", services.get("filter").get("mem_limit").asText(), "the filter's heap follows its memory limit");
        JsonNode filter = services.get("filter");
        assertTrue(filter.get("command").toString().contains("filter.state.dir=/state"), filter.toString());
        assertTrue(filter.get("volumes").toString().contains("\"/state\""), "an anonymous volume per replica");
        assertFalse(filter.get("volumes").toString().contains(":/data"), "scaled replicas never share a state directory");
    }

    @Test
    void kubernetesHasTopicCatalogueFlinkSavepointsAndAGpuTrainer() throws Exception {
        Map<String, JsonNode> byKindAndName = new HashMap<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                for (JsonNode doc : documents(file)) {
                    byKindAndName.put(doc.get("kind").asText() + "/" + doc.at("/metadata/name").asText(), doc);
                }
            }
        }
        assertTrue(byKindAndName.containsKey("Kafka/bioinstruct"));
        Map<String, Integer> topics = new HashMap<>();
        byKindAndName.values().stream().filter(d -> d.get("kind").asText().equals("KafkaTopic"))
                .forEach(d -> topics.put(d.at("/spec/topicName").asText(), d.at("/spec/partitions").asInt()));
        Map<String, Integer> expected = new HashMap<>();
        TopicCatalogue.defaults().all().forEach(s -> expected.put(s.name(), s.partitions()));
        assertEquals(expected, topics);

        JsonNode flink = byKindAndName.get("FlinkDeployment/shard-builder");
        assertEquals("savepoint", flink.at("/spec/job/upgradeMode").asText());
        assertTrue(flink.at("/spec/job/jarURI").asText().endsWith("shard-builder-0.1.0-SNAPSHOT-job.jar"));

        for (String stage : STAGES) {
            JsonNode workload = byKindAndName.getOrDefault("Deployment/" + stage,
                    byKindAndName.get("StatefulSet/" + stage));
            assertTrue(workload != null, "no workload for " + stage);
            JsonNode container = workload.at("/spec/template/spec/containers/0");
            assertEquals("bioinstruct/stage:0.1.0", container.get("image").asText());
            assertEquals(stage, container.at("/args/0").asText());
        }
        JsonNode trainer = byKindAndName.get("StatefulSet/trainer");
        JsonNode filter = byKindAndName.get("StatefulSet/filter");
        assertEquals("3Gi", filter.at("/spec/template/spec/containers/0/resources/limits/memory").asText(),
                "the filter's heap follows its memory limit");
        assertTrue(filter.at("/spec/template/spec/containers/0/args").toString().contains("filter.state.dir=/state"));
        assertEquals("filter-state", filter.at("/spec/volumeClaimTemplates/0/metadata/name").asText(),
                "a state volume per instance");
        assertTrue(filter.at("/spec/template/spec/containers/0/volumeMounts").toString()
                .contains("{\"name\":\"filter-state\",\"mountPath\":\"/state\"}"));
        assertEquals(1, trainer.at("/spec/replicas").asInt());
        assertFalse(trainer.at("/spec/template/spec/nodeSelector").isMissingNode());
        assertEquals(1, trainer.at("/spec/template/spec/containers/0/resources/limits/nvidia.com~1gpu").asInt());
        assertFalse(byKindAndName.keySet().stream().anyMatch(k -> k.startsWith("Secret/")), "Secrets are referenced, not inlined");
    }

    @Test
    void noManifestCarriesAPlaintextSecretValue() throws Exception {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.(ya?ml)$")).toList()) {
                for (JsonNode doc : documents(file)) {
                    checkNoSecrets(file + ":", doc);
                }
            }
        }
        for (String line : Files.readAllLines(DEPLOY.resolve("compose/stage.properties"))) {
            if (!line.startsWith("#") && line.contains("=") && SECRET_KEY.matcher(line.split("=")[0]).matches()) {
                assertTrue(line.split("=")[0].endsWith(".file"), "plain secret in stage.properties: " + line.split("=")[0]);
            }
        }
    }

    private static void checkNoSecrets(String path, JsonNode node) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                boolean reference = e.getKey().endsWith("Name") || e.getKey().equals("key");
                if (v.isValueNode() && !reference && SECRET_KEY.matcher(e.getKey()).matches()) {
                    String value = v.asText();
                    assertTrue(value.startsWith("${") || value.startsWith("/") || value.startsWith("-D")
                            || value.isEmpty() || value.endsWith("LoginModule required;"),
                            "plaintext secret at " + path + e.getKey());
                }
                if (e.getKey().equals("name") && v.isTextual() && SECRET_KEY.matcher(v.asText()).matches()
                        && node.has("value")) {
                    assertTrue(node.get("value").asText().startsWith("/"), "plaintext env secret " + v.asText());
                }
                checkNoSecrets(path + e.getKey() + ".", v);
            });
        } else if (node.isArray()) {
            node.forEach(n -> checkNoSecrets(path, n));
        }
    }
}
