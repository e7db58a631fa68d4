package org.bioinstruct.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.bioinstruct.trainer.training.StepMetrics;
import org.junit.jupiter.api.Test;

class TrainingProgressTest {
    @Test
    void printsEveryKthStepAndTheShardsLastStep() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TrainingProgress progress = new TrainingProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2);
        for (int step = 1; step <= 5; step++) {
            progress.show(3, "train-000003", new StepMetrics(step, 5, 10 + step, 2.5, 3e-3, 100, 1234.4, 0.83));
        }

        assertEquals(String.join("\n",
                "trainer v3 train-000003 step 2/5 (global 12) loss 2.5000 lr 3.00e-03 tok/s 1234 |grad| 0.830",
                "trainer v3 train-000003 step 4/5 (global 14) loss 2.5000 lr 3.00e-03 tok/s 1234 |grad| 0.830",
                "trainer v3 train-000003 step 5/5 (global 15) loss 2.5000 lr 3.00e-03 tok/s 1234 |grad| 0.830", ""),
                bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
}
