package org.bioinstruct.evaluator.scoring;

import java.io.PrintStream;

/**
 * A progress line on stderr while a model works through a suite: items done, total, rate. On a terminal it
 * redraws in place every half second; into a log file it writes a line every ten seconds.
 */
public final class Progress {
    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private final int total;
    private final long started = System.nanoTime();
    private long lastShown;
    private int done;

    public Progress(PrintStream out, boolean terminal, String label, int total) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
        this.total = total;
        this.lastShown = started;
    }

    public static Progress onStderr(String label, int total) {
        return new Progress(System.err, System.console() != null, label, total);
    }

    public void step() {
        done++;
        long now = System.nanoTime();
        if (now - lastShown >= (terminal ? 500_000_000L : 10_000_000_000L)) {
            lastShown = now;
            show(terminal ? "\r" : "", "");
        }
    }

    public void finish() {
        show(terminal ? "\r" : "", "\n");
    }

    private void show(String prefix, String suffix) {
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        out.printf("%s%s: %d/%d items, %.1f items/s%s", prefix, label, done, total, done / seconds,
                suffix.isEmpty() && !terminal ? "\n" : suffix);
        out.flush();
    }
}
