package org.bioinstruct.infra.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples the resident set of processes from {@code /proc/<pid>/status}: VmRSS over time (the soak curve)
 * and VmHWM, the kernel's own peak, kept from the last sample before a process exits; and their CPU time
 * (utime + stime from {@code /proc/<pid>/stat}), likewise kept from the last sample before exit.
 */
final class RssSampler implements AutoCloseable {
    record Sample(double seconds, long rssKb) {
    }

    private final Map<String, Long> pids = new ConcurrentHashMap<>();
    private final Map<String, List<Sample>> series = new ConcurrentHashMap<>();
    private final Map<String, Long> peakKb = new ConcurrentHashMap<>();
    private final Map<String, Double> lastCpuSeconds = new ConcurrentHashMap<>();
    private final long startedNanos = System.nanoTime();
    private final Thread thread;
    private final long everyMillis;
    private volatile boolean running = true;

    RssSampler(long everyMillis) {
        this.everyMillis = everyMillis;
        this.thread = new Thread(this::loop, "rss-sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void watch(String name, long pid) {
        // the series first: the sampling thread reads pids and appends to series.get(name) at any moment
        series.computeIfAbsent(name, n -> Collections.synchronizedList(new ArrayList<>()));
        pids.put(name, pid);
    }

    private void loop() {
        while (running) {
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            pids.forEach((name, pid) -> {
                OptionalLong rss = field(pid, "VmRSS:");
                OptionalLong hwm = field(pid, "VmHWM:");
                rss.ifPresent(kb -> series.get(name).add(new Sample(seconds, kb)));
                hwm.ifPresent(kb -> peakKb.merge(name, kb, Math::max));
                cpuSeconds(pid).ifPresent(cpu -> lastCpuSeconds.merge(name, cpu, Math::max));
            });
            try {
                Thread.sleep(everyMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static OptionalLong field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    return OptionalLong.of(Long.parseLong(line.substring(name.length()).replace("kB", "").trim()));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process has exited between samples
        }
        return OptionalLong.empty();
    }

    /**
     * CPU seconds of a watched process now, or at its last sample if it has exited since (up to one sampling
     * interval short).
     */
    double cpuSecondsNow(String name) {
        Long pid = pids.get(name);
        if (pid == null) {
            throw new IllegalArgumentException("not watched: " + name);
        }
        cpuSeconds(pid).ifPresent(cpu -> lastCpuSeconds.merge(name, cpu, Math::max));
        return lastCpuSeconds.getOrDefault(name, 0.0);
    }

    /** CPU time (user + system) a live process has used so far, in seconds. */
    static OptionalDouble cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            return OptionalDouble.of(cpuTicks(stat) / (double) ClockTicks.PER_SECOND);
        } catch (IOException | RuntimeException gone) {
            return OptionalDouble.empty();
        }
    }

    /**
     * utime + stime, fields 14 and 15 of a {@code /proc/<pid>/stat} line, in clock ticks. Field 2 is the
     * command name in parentheses and may itself hold spaces and ')', so fields are counted from the last ')'.
     */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 1).trim().split("\\s+");
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    /** Clock ticks per second ({@code getconf CLK_TCK}), read once; 100, the usual value, if that fails. */
    static final class ClockTicks {
        static final long PER_SECOND = read();

        private ClockTicks() {
        }

        private static long read() {
            try {
                Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                String value = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
                return getconf.waitFor() == 0 ? Long.parseLong(value) : 100;
            } catch (IOException | RuntimeException e) {
                return 100;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 100;
            }
        }
    }

    /** Peak (VmHWM) in MB per process, in the order they were watched. */
    Map<String, Long> peaksMb() {
        Map<String, Long> out = new LinkedHashMap<>();
        pids.keySet().stream().sorted().forEach(n -> out.put(n, peakKb.getOrDefault(n, 0L) / 1024));
        return out;
    }

    /** RSS in MB at 10%, 50% and 90% of the process's sampled life, and its last sample. */
    long[] curveMb(String name) {
        List<Sample> samples = List.copyOf(series.getOrDefault(name, List.of()));
        if (samples.isEmpty()) {
            return new long[4];
        }
        int n = samples.size();
        return new long[] {samples.get(n / 10).rssKb() / 1024, samples.get(n / 2).rssKb() / 1024,
                samples.get(Math.min(n - 1, n * 9 / 10)).rssKb() / 1024, samples.get(n - 1).rssKb() / 1024};
    }

    int sampleCount(String name) {
        return series.getOrDefault(name, List.of()).size();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
