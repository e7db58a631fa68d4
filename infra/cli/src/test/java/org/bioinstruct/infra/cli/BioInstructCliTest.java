package org.bioinstruct.infra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class BioInstructCliTest {

    private static String[] run(String... args) {
        CommandLine cli = BioInstructCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @ParameterizedTest
    @ValueSource(strings = {"up", "down", "status", "run", "demo", "generate", "import", "seed-filter-state"})
    void everyCommandHasHelp(String command) {
        String[] result = run(command, "--help");
        assertEquals("0", result[0]);
        assertTrue(result[1].contains("Usage: bioinstruct " + command), result[1]);
        assertTrue(result[1].contains("--data-dir"), result[1]);
    }

    @Test
    void batchFilterAndBenchHaveHelpToo() {
        String[] filter = run("filter", "--help");
        assertEquals("0", filter[0]);
        assertTrue(filter[1].contains("--accepted"), filter[1]);
        assertEquals("0", run("bench", "--help")[0]);
    }

    @Test
    void demoRefusesADirectoryHoldingAFinishedRun(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("summary.json"), "{}");
        String[] result = run("demo", "--data-dir", dir.toString(), "--count", "5");
        assertEquals("1", result[0]);
        assertTrue(result[2].contains("already holds a finished demo run"), result[2]);
        assertEquals("{}", Files.readString(dir.resolve("summary.json")));
    }

    @Test
    void runNamesTheUnknownStage(@TempDir Path dir) {
        String[] result = run("run", "--data-dir", dir.toString(), "sharder");
        assertEquals("1", result[0]);
        assertTrue(result[2].contains("unknown stage 'sharder'"), result[2]);
    }

    @Test
    void runWithoutAStackSaysHowToStartOne(@TempDir Path dir) {
        String[] result = run("run", "--data-dir", dir.toString(), "filter");
        assertEquals("1", result[0]);
        assertTrue(result[2].contains("bioinstruct up --data-dir"), result[2]);
    }
}
