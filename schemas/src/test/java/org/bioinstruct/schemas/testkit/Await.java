package org.bioinstruct.schemas.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * The one way tests wait: poll an observable condition until it holds or a deadline passes, never a fixed
 * sleep. A timeout fails the test with what was awaited and the last value seen. A condition may throw (an
 * {@link AssertionError} to stop waiting at once, e.g. when the process it waits on died); runtime exceptions
 * and errors pass through unchanged.
 */
public final class Await {
    /** How often a condition is polled unless a caller says otherwise. */
    public static final Duration DEFAULT_POLL = Duration.ofMillis(100);

    /** A condition that may throw while it is evaluated (reading a topic, a file, an HTTP endpoint). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /** Waits until {@code condition} holds, polling every {@link #DEFAULT_POLL}. */
    public static void until(String what, Duration timeout, Condition condition) {
        until(what, timeout, DEFAULT_POLL, condition);
    }

    public static void until(String what, Duration timeout, Duration poll, Condition condition) {
        value(what, timeout, poll, condition::holds, Boolean::booleanValue);
    }

    /** Polls {@code probe} every {@link #DEFAULT_POLL} until its value satisfies {@code done}; returns that value. */
    public static <T> T value(String what, Duration timeout, Callable<T> probe, Predicate<? super T> done) {
        return value(what, timeout, DEFAULT_POLL, probe, done);
    }

    public static <T> T value(String what, Duration timeout, Duration poll, Callable<T> probe,
                              Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T last = call(probe, what);
            if (done.test(last)) {
                return last;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + ": not within " + timeout + "; last seen: " + last);
            }
            pause(poll, what);
        }
    }

    private static <T> T call(Callable<T> probe, String what) {
        try {
            return probe.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while awaiting " + what, e);
        } catch (Exception e) {
            throw new AssertionError("failed while awaiting " + what + ": " + e, e);
        }
    }

    private static void pause(Duration poll, String what) {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while awaiting " + what, e);
        }
    }
}
