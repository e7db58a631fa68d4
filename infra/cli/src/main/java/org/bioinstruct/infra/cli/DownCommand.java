package org.bioinstruct.infra.cli;

import java.util.concurrent.Callable;
import org.bioinstruct.infra.stack.LocalStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stops the local broker and schema registry of a data directory; the data stays.")
final class DownCommand implements Callable<Integer> {
    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        boolean stopped = LocalStack.stop(dataDir.path());
        System.out.println(stopped ? "stopped the local stack of " + dataDir.path()
                : "no local stack was running for " + dataDir.path());
        return 0;
    }
}
