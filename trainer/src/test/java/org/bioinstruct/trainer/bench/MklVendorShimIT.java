package org.bioinstruct.trainer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bioinstruct.schemas.platform.MklVendorShim;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MKL vendor shim the stage launcher preloads on AMD CPUs changes which matrix kernels run, not what
 * training computes: from the same seed the first step's loss agrees to float rounding, and after 12 LoRA
 * steps the loss agrees to 1e-3 relative (other kernels sum in another order, and AdamW's normalized updates
 * carry those last-digit differences into every weight).
 */
@Tag("slow")
class MklVendorShimIT {
    @TempDir
    Path dir;

    @Test
    void trainingReachesTheSameLossWithTheShimPreloaded() throws Exception {
        Map<String, String> shim = MklVendorShim.environment(dir.resolve("native"));
        assumeFalse(shim.isEmpty(), "no AMD CPU or no C compiler: the launcher preloads nothing here");
        Path model = dir.resolve("model");
        assertSameLoss(train(model, Map.of(), 1, 0), train(model, shim, 1, 0), 1e-4);
        assertSameLoss(train(model, Map.of(), 10, 2), train(model, shim, 10, 2), 1e-3);
    }

    private static void assertSameLoss(JsonNode plain, JsonNode preloaded, double relative) {
        double expected = plain.get("last_loss").asDouble();
        assertEquals(expected, preloaded.get("last_loss").asDouble(), relative * expected,
                "loss without / with the shim: " + plain + " / " + preloaded);
    }

    private static JsonNode train(Path model, Map<String, String> environment, int steps, int warmup) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), TrainingBench.class.getName(),
                "model.dir=" + model, "batch=4", "seq=64", "steps=" + steps, "warmup=" + warmup));
        builder.environment().putAll(environment);
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        String json = output.lines().filter(line -> line.startsWith("{")).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no result line in: " + output));
        return new ObjectMapper().readTree(json);
    }
}
