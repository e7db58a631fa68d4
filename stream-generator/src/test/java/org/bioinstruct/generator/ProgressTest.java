package org.bioinstruct.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void showsCountShareRateAndEta() {
        Progress progress = new Progress(10_000, 1_000, System.out, false);
        assertEquals("generated 2500/10000 (25.0%) 500 rec/s ETA 15 s", progress.render(2_500, 500));
    }

    @Test
    void drawsABarOnATerminal() {
        Progress progress = new Progress(100, 1_000, System.out, true);
        assertEquals("[###############...............] generated 50/100 (50.0%) 10 rec/s ETA 5 s",
                progress.render(50, 10));
    }

    @Test
    void withoutATotalShowsCountAndRateOnly() {
        assertEquals("generated 42 (7 rec/s)", new Progress(0, 1_000, System.out, false).render(42, 7));
    }

    @Test
    void writesOneLinePerUpdateInALogAndAFinalLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(3, 0, new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        progress.update(1);
        progress.update(2);
        progress.finish(3);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[2].startsWith("generated 3/3 (100.0%)"), lines[2]);
    }
}
