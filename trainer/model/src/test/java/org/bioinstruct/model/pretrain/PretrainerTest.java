package org.bioinstruct.model.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.model.BaseModels;
import org.bioinstruct.model.llama.LanguageModel;
import org.bioinstruct.model.tensor.FloatTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainerTest {
    @TempDir
    Path dir;

    @Test
    void fullParameterPreTrainingLowersTheLossOnTheProjectText() throws IOException {
        BaseModel base = BaseModels.createOrLoad(dir.resolve("base"), 7);
        Pretrainer.Options options = new Pretrainer.Options(40, 4, 48, 3e-3, 4, 7);
        try (LanguageModel model = LanguageModel.forPretraining(base)) {
            assertEquals(model.parameters().keySet(), model.trainableParameters().keySet(), "every weight trains");

            List<Pretrainer.Point> curve = Pretrainer.run(model, BiomedicalCorpus.texts(500, 7), options, p -> { });

            double first = curve.get(0).loss();
            double last = curve.subList(30, 40).stream().mapToDouble(Pretrainer.Point::loss).average().orElseThrow();
            assertTrue(first > Math.log(BaseModels.TINY_VOCAB_SIZE) * 0.8, "starts near chance: " + first);
            assertTrue(last < first - 2.0, "loss " + first + " -> " + last);
            Map<String, FloatTensor> after = model.baseWeights();
            base.weights().forEach((name, before) -> assertNotEquals(before, after.get(name), name + " moved"));
        }
    }
}
