package org.bioinstruct.infra.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code bin/bioinstruct}: the operator's entry point to the local stack and the pipeline. */
@Command(name = "bioinstruct",
        mixinStandardHelpOptions = true,
        version = "bioinstruct 0.1.0",
        description = "Grows a biomedical instruction-tuning dataset and keeps a LoRA model trained on it.",
        subcommands = {
                DemoCommand.class,
                UpCommand.class,
                DownCommand.class,
                StatusCommand.class,
                AuditCommand.class,
                DlqCommand.class,
                RunCommand.class,
                GenerateCommand.class,
                ImportCommand.class,
                BenchCommand.class,
                FilterCommand.class,
                SeedFilterStateCommand.class,
                DashboardCommand.class,
                ReportCommand.class,
                CreateBaseModelCommand.class,
                CommandLine.HelpCommand.class
        })
public final class BioInstructCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BioInstructCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("bioinstruct " + commandLine.getCommandName() + ": " + e.getMessage());
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
