package org.bioinstruct.infra.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.bioinstruct.schemas.testkit.Await;
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
            Await.until("three samples of this JVM", Duration.ofSeconds(10), Duration.ofMillis(20),
                    () -> sampler.sampleCount("self") >= 3);

            assertTrue(sampler.sampleCount("self") >= 3, "samples: " + sampler.sampleCount("self"));
            assertTrue(sampler.peaksMb().get("self") > 10);
            assertTrue(sampler.curveMb("self")[3] > 10);
        }
    }

    @Test
    void countsCpuFieldsAfterTheLastParenthesisOfACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (odd) 1 2 (name) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 37 5 6 20 0 1 0 900 0 0\n";

        assertEquals(287, RssSampler.cpuTicks(stat), "utime 250 + stime 37, not the children's 5 and 6");
    }

    @Test
    void cpuTimeOfALiveProcessGrowsWithWork() {
        long self = ProcessHandle.current().pid();
        double before = RssSampler.cpuSeconds(self).orElseThrow();

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long busyUntil = threads.getCurrentThreadCpuTime() + 300_000_000L;
        while (threads.getCurrentThreadCpuTime() < busyUntil) {
            Math.sqrt(busyUntil);
        }
        double after = RssSampler.cpuSeconds(self).orElseThrow();

        assertTrue(before > 0, "a JVM has used CPU by the time a test runs: " + before);
        assertTrue(after - before >= 0.2, "300 ms of busy loop, at least 200 ms counted: " + before + " -> " + after);
    }

    @Test
    void keepsTheLastCpuReadingOfAProcessAfterItExits() throws Exception {
        try (RssSampler sampler = new RssSampler(20)) {
            Process busy = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 1000000 ]; do i=$((i+1)); done").start();
            sampler.watch("busy", busy.pid());
            busy.waitFor();

            assertEquals(OptionalDouble.empty(), RssSampler.cpuSeconds(busy.pid()));
            assertTrue(sampler.cpuSecondsNow("busy") > 0.3, "CPU of the loop: " + sampler.cpuSecondsNow("busy"));
        }
    }
}
