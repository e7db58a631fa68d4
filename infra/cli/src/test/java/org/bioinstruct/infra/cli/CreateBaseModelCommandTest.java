package org.bioinstruct.infra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateBaseModelCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesATinyModelOfTheRequestedWidthAndDepth() throws Exception {
        Path out = dir.resolve("base");
        assertEquals(0, BioInstructCli.commandLine().execute("create-base-model", "--out", out.toString(),
                "--hidden-size", "96", "--layers", "3"));

        JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertEquals(96, config.get("hidden_size").asInt());
        assertEquals(3, config.get("num_hidden_layers").asInt());
        assertEquals(6, config.get("num_attention_heads").asInt());
    }

    @Test
    void rejectsAHiddenSizeTheHeadsCannotSplit() {
        Path out = dir.resolve("base");
        int exit = BioInstructCli.commandLine().execute("create-base-model", "--out", out.toString(),
                "--hidden-size", "80");

        assertEquals(1, exit);
        assertFalse(out.toFile().exists());
    }
}
