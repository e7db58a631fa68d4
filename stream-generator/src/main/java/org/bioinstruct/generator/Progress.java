package org.bioinstruct.generator;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a generation run with rate and ETA: a redrawn bar on a terminal, a line per interval in a
 * log. {@code total} 0 means unknown (an import read to its end).
 */
final class Progress {
    private static final int BAR_WIDTH = 30;

    private final long total;
    private final long intervalNanos;
    private final PrintStream out;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastShown = start;

    Progress(long total, long intervalMillis, PrintStream out, boolean terminal) {
        this.total = total;
        this.intervalNanos = intervalMillis * 1_000_000;
        this.out = out;
        this.terminal = terminal;
    }

    static Progress forConsole(long total) {
        return new Progress(total, 1_000, System.out, System.console() != null);
    }

    /** Shows progress when the interval has passed. */
    void update(long done) {
        long now = System.nanoTime();
        if (now - lastShown >= intervalNanos) {
            lastShown = now;
            show(done, now);
        }
    }

    /** Shows the final state and ends the bar's line. */
    void finish(long done) {
        show(done, System.nanoTime());
        if (terminal) {
            out.println();
        }
    }

    double ratePerSecond(long done) {
        return ratePerSecond(done, System.nanoTime());
    }

    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    private double ratePerSecond(long done, long now) {
        double seconds = Math.max((now - start) / 1e9, 1e-9);
        return done / seconds;
    }

    private void show(long done, long now) {
        String line = render(done, ratePerSecond(done, now));
        if (terminal) {
            out.print("\r" + line);
        } else {
            out.println(line);
        }
        out.flush();
    }

    String render(long done, double rate) {
        if (total <= 0) {
            return String.format(Locale.ROOT, "generated %d (%.0f rec/s)", done, rate);
        }
        double fraction = Math.min(1.0, (double) done / total);
        long etaSeconds = rate > 0 ? Math.round((total - done) / rate) : -1;
        String bar = terminal
                ? "[" + "#".repeat((int) (fraction * BAR_WIDTH)) + ".".repeat(BAR_WIDTH - (int) (fraction * BAR_WIDTH)) + "] "
                : "";
        return String.format(Locale.ROOT, "%sgenerated %d/%d (%.1f%%) %.0f rec/s ETA %s", bar, done, total,
                fraction * 100, rate, etaSeconds < 0 ? "?" : etaSeconds + " s");
    }
}
