package org.bioinstruct.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bioinstruct.trainer.training.LearningRateSchedule.Decay;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    @Test
    void warmsUpLinearlyThenFollowsTheCosineDownToTheFloor() {
        LearningRateSchedule s = new LearningRateSchedule(Decay.COSINE, 1e-3, 0.2, 0.1);

        assertEquals(2, s.warmupSteps(10));
        assertEquals(0.5e-3, s.at(1, 10), 1e-15);
        assertEquals(1e-3, s.at(2, 10), 1e-15);
        assertEquals(1e-3, s.at(3, 10), 1e-15, "decay starts at the peak");
        assertEquals(1.1e-3, s.at(6, 10) + s.at(7, 10), 1e-12, "cosine: steps mirrored about the middle sum to peak + floor");
        assertEquals(1e-4, s.at(10, 10), 1e-15, "last step at min ratio x peak");
    }

    @Test
    void linearDecayFallsByEqualAmounts() {
        LearningRateSchedule s = new LearningRateSchedule(Decay.LINEAR, 1.0, 0, 0);

        assertEquals(1.0, s.at(1, 5), 1e-12);
        assertEquals(0.75, s.at(2, 5), 1e-12);
        assertEquals(0.25, s.at(4, 5), 1e-12);
        assertEquals(0.0, s.at(5, 5), 1e-12);
    }

    @Test
    void aSingleStepShardTrainsAtThePeakRate() {
        assertEquals(2.0, new LearningRateSchedule(Decay.COSINE, 2.0, 0.5, 0).at(1, 1), 0);
        assertEquals(2.0, LearningRateSchedule.constant(2.0).at(7, 9), 0);
    }

    @Test
    void rejectsAWarmupCoveringTheWholeShard() {
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(Decay.COSINE, 1, 1.0, 0));
    }
}
