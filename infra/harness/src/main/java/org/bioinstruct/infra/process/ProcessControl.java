package org.bioinstruct.infra.process;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stopping processes politely, by handle or by pid (for processes started by an earlier CLI call). */
public final class ProcessControl {
    private ProcessControl() {
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL. Returns true when it had to kill. */
    public static boolean stop(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return false;
        }
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException e) {
            handle.destroyForcibly();
            handle.onExit().join();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
            return true;
        } catch (ExecutionException e) {
            return false;
        }
    }

    public static Optional<ProcessHandle> find(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }
}
