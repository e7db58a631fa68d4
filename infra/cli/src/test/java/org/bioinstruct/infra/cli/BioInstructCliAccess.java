package org.bioinstruct.infra.cli;

/** Lets tests in other packages run the CLI in-process, as bin/bioinstruct would. */
public final class BioInstructCliAccess {
    private BioInstructCliAccess() {
    }

    public static int execute(String... args) {
        return BioInstructCli.commandLine().execute(args);
    }
}
