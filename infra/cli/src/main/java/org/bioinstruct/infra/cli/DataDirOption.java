package org.bioinstruct.infra.cli;

import java.nio.file.Path;
import org.bioinstruct.infra.stack.StackState;
import picocli.CommandLine.Option;

/** The data directory every command works in. */
final class DataDirOption {
    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
            description = "Data directory of the local stack (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    Path path() {
        return dataDir.toAbsolutePath().normalize();
    }

    StackState runningStack() {
        return StackState.read(path())
                .filter(org.bioinstruct.infra.stack.LocalStack::isRunning)
                .orElseThrow(() -> new IllegalStateException("no local stack is running for " + path()
                        + "; start one with 'bioinstruct up --data-dir " + path() + "'"));
    }
}
