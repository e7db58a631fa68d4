package org.bioinstruct.model.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.model.BaseModels;
import org.bioinstruct.model.tensor.OwnedArrays;
import org.junit.jupiter.api.Test;

/**
 * Logits of small fixed LLaMA checkpoints (grouped-query attention: 4 query heads, 2 key/value heads) against
 * logits computed by an independent plain-PyTorch implementation of LlamaForCausalLM on the same files
 * ({@code src/test/python/llama_reference.py}, which also wrote the checkpoints; see its docstring to regenerate).
 */
public class ReferenceLogitsTest {
    private static final float TOLERANCE = 1e-4f;

    @Test
    void untiedBf16CheckpointMatchesPyTorchLogits() throws Exception {
        assertMatchesReference("llama-gqa-untied-bf16");
    }

    @Test
    void tiedShardedF16CheckpointWithLlama3RopeScalingMatchesPyTorchLogits() throws Exception {
        assertMatchesReference("llama-gqa-tied-f16-sharded");
    }

    private static void assertMatchesReference(String fixture) throws IOException, URISyntaxException {
        Path dir = fixtureDir(fixture);
        BaseModel base = BaseModels.load(dir);
        JsonNode expected = new ObjectMapper().readTree(dir.resolve("expected_logits.json").toFile());
        long[][] ids = ids(expected.get("input_ids"));
        float[] reference = new float[expected.get("logits").size()];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = expected.get("logits").get(i).floatValue();
        }
        try (LanguageModel model = LanguageModel.create(base); NDManager manager = model.manager().newSubManager()) {
            long[] flat = new long[ids.length * ids[0].length];
            for (int row = 0; row < ids.length; row++) {
                System.arraycopy(ids[row], 0, flat, row * ids[0].length, ids[0].length);
            }
            NDArray input = OwnedArrays.of(manager, flat, new Shape(ids.length, ids[0].length));
            NDArray logits = model.forward(input, false);

            assertEquals(new Shape(ids.length, ids[0].length, base.config().vocabSize()), logits.getShape());
            float[] actual = logits.toFloatArray();
            assertTrue(maxAbs(reference) > 1f, "reference logits are not degenerate");
            assertArrayEquals(reference, actual, TOLERANCE);
        }
    }

    public static Path fixtureDir(String name) throws URISyntaxException {
        return Path.of(ReferenceLogitsTest.class.getResource("/model/" + name + "/config.json").toURI()).getParent();
    }

    private static long[][] ids(JsonNode node) {
        long[][] ids = new long[node.size()][];
        for (int row = 0; row < ids.length; row++) {
            ids[row] = new long[node.get(row).size()];
            for (int t = 0; t < ids[row].length; t++) {
                ids[row][t] = node.get(row).get(t).longValue();
            }
        }
        return ids;
    }

    private static float maxAbs(float[] values) {
        float max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
