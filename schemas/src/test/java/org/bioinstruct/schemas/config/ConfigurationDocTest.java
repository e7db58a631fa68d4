package org.bioinstruct.schemas.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/CONFIGURATION.md names every setting the main code of every module reads. Maven runs a module's tests
 * with the module directory as working directory, so the repository root is its parent.
 */
class ConfigurationDocTest {
    /** Fewer keys than this means the scan broke, not that the stages read fewer settings (about 155 today). */
    private static final int AT_LEAST_KEYS = 140;

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOC = ROOT.resolve("docs/CONFIGURATION.md");

    @Test
    void everySettingTheCodeReadsIsInConfigurationMd() throws Exception {
        Map<String, String> keys = SettingKeyScan.scan(ROOT);
        Set<String> missing = SettingKeyScan.missingFrom(Files.readString(DOC), keys.keySet());
        assertTrue(missing.isEmpty(), () -> "docs/CONFIGURATION.md does not name these settings (key: file that reads it): "
                + keys.entrySet().stream().filter(e -> missing.contains(SettingKeyScan.documentedName(e.getKey())))
                        .map(e -> "\n  " + SettingKeyScan.documentedName(e.getKey()) + ": " + e.getValue()).toList());
    }

    @Test
    void theScanFindsTheStagesSettingsInEveryModule() {
        Map<String, String> keys = SettingKeyScan.scan(ROOT);
        assertTrue(keys.size() > AT_LEAST_KEYS, "only " + keys.size() + " keys found: " + keys.keySet());
        for (String key : Set.of("bootstrap.servers", "run.id", "topic.partitions", "topic.raw", "topic.dlq.partitions", "generator.count",
                "llm.base.url", "filter.neardup.threshold", "filter.rules.min.words", "shards.size", "trainer.lora.r",
                "evaluator.max.examples", "registry.port", "security.protocol", "schema.registry.basic.auth.user.info.file")) {
            assertTrue(keys.containsKey(key), key + " not found by the scan");
        }
    }

    @Test
    void aKeyIsALiteralOrConstantGivenToASettingsAccessorOrAConstantUnderAStagePrefix() {
        Map<String, String> keys = SettingKeyScan.scan(Map.of(
                "a/src/main/java/x/Keys.java", """
                        final class Keys {
                            public static final String PREFIX = "filter.rules.";
                            public static final String MIN = PREFIX + "min.words";
                            static final String ODD = "custom.thing";
                            static final String HEADER = "bioinstruct.run.id";
                            static final String FILE = "config.json";
                        }
                        """,
                "b/src/main/java/y/Reader.java", """
                        final class Reader {
                            /** {@code javadoc.only.key} is no key */
                            void read(Settings s) {
                                s.intValue("topic.partitions", 4, 1, 10);
                                s.string(Keys.ODD, "x");
                                log.info("reading shards.size from {}", file);
                                node.has("input");
                            }
                        }
                        """));
        assertEquals(Set.of("filter.rules.", "filter.rules.min.words", "custom.thing", "topic.partitions"),
                keys.keySet());
    }

    @Test
    void aKeyCountsAsDocumentedOnlyAsAWholeName() {
        assertEquals(Set.of("run.id"), SettingKeyScan.missingFrom("header `bioinstruct.run.id`", Set.of("run.id")));
        assertEquals(Set.of("shards.size"), SettingKeyScan.missingFrom("`shards.size.max`", Set.of("shards.size")));
        assertTrue(SettingKeyScan.missingFrom("| `run.id` | run |", Set.of("run.id")).isEmpty());
        assertTrue(SettingKeyScan.missingFrom("`evaluator.benchmark.<name>`", Set.of("evaluator.benchmark.")).isEmpty());
        assertTrue(SettingKeyScan.missingFrom("`kafka.sasl.mechanism`", Set.of("sasl.mechanism")).isEmpty());
        assertFalse(SettingKeyScan.missingFrom("`sasl.mechanism`", Set.of("sasl.mechanism")).isEmpty());
    }
}
