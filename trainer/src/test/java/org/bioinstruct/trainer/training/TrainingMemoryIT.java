package org.bioinstruct.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leak check, not a speed test: after warm-up, a few hundred optimizer steps (accumulation and clipping
 * included) leave the model's manager holding the same arrays and resident memory about where it was. The
 * probe runs in its own JVM with a fixed, pre-touched heap, so Java garbage filling the young generation
 * cannot pass for growth; without the per-step sub-manager every step would keep its activations alive.
 */
@Tag("slow")
class TrainingMemoryIT {
    private static final int WARMUP_STEPS = 100;
    private static final int STEPS = 300;
    private static final long MAX_GROWTH_KB = 64 * 1024;

    @Test
    void residentMemoryStaysFlatOverHundredsOfSteps(@TempDir Path dir) throws Exception {
        List<String> out = probe(dir);
        String[] warm = line(out, "after-warmup");
        String[] done = line(out, "after-steps");

        assertEquals(warm[1], done[1], "arrays held by the model's manager");
        long growth = Long.parseLong(done[2]) - Long.parseLong(warm[2]);
        assertTrue(growth < MAX_GROWTH_KB, "RSS grew by " + growth + " kB over " + STEPS + " steps");
    }

    private static List<String> probe(Path dir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms192m", "-Xmx192m", "-XX:+AlwaysPreTouch", "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), TrainingMemoryProbe.class.getName(),
                dir.toString(), Integer.toString(WARMUP_STEPS), Integer.toString(STEPS)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "probe finished");
        assertEquals(0, process.exitValue(), stdout);
        return stdout.lines().toList();
    }

    private static String[] line(List<String> out, String phase) {
        return out.stream().filter(l -> l.startsWith(phase + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + phase + " line in " + out)).split(" ");
    }
}
