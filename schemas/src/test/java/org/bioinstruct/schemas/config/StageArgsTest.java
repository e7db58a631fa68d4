package org.bioinstruct.schemas.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StageArgsTest {
    @Test
    void parsesKeyValueArgumentsIntoAStagesSettings() {
        assertEquals("b:9092", StageArgs.parse(new String[] {"bootstrap.servers=b:9092",
                "schema.registry.url=mock://a"}, StageSettings::from).orElseThrow().bootstrapServers());
    }

    @Test
    void invalidConfigurationIsPrintedNamingTheKeyAndGivesNothing() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Optional<StageSettings> none = StageArgs.parse(new String[] {"bootstrap.servers=b:9092"}, StageSettings::from,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), none);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("schema.registry.url"));
    }
}
