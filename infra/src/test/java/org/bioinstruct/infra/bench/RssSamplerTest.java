package org.bioinstruct.infra.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RssSamplerTest {
    @Test
    void readsResidentSetAndPeakOfALiveProcess() {
        long self = ProcessHandle.current().pid();

        OptionalLong rss = RssSampler.field(self, "VmRSS:");
        OptionalLong peak = RssSampler.field(self, "VmHWM:");

        assertTrue(rss.isPresent() && rss.getAsLong() > 10_000, "a JVM holds more than 10 MB: " + rss);
        assertTrue(peak.getAsLong() >= rss.getAsLong(), "the peak is at least the current resident set");
    }

    @Test
    void aProcessThatHasExitedHasNoFigures() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();

        assertEquals(OptionalLong.empty(), RssSampler.field(exited.pid(), "VmRSS:"));
    }

    @Test
    void samplesEveryWatchedProcessOverTime() throws Exception {
        try (RssSampler sampler = new RssSampler(20)) {
            sampler.watch("self", ProcessHandle.current().pid());
            Thread.sleep(300);

            assertTrue(sampler.sampleCount("self") >= 3, "samples: " + sampler.sampleCount("self"));
            assertTrue(sampler.peaksMb().get("self") > 10);
            assertTrue(sampler.curveMb("self")[3] > 10);
        }
    }
}
