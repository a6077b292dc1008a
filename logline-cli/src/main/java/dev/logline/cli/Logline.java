package dev.logline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** The {@code logline} command: the entry point of the runnable jar, holding one subcommand per task. */
@Command(name = "logline",
        mixinStandardHelpOptions = true,
        versionProvider = LoglineVersion.class,
        description = "Structured, distributed logging: run the server and query, tail and trace its logs, and manage its API keys and alert rules.",
        subcommands = {
                ServerCommand.class,
                DemoCommand.class,
                QueryCommand.class,
                TailCommand.class,
                TraceCommand.class,
                ShipCommand.class,
                KeysCommand.class,
                AlertsCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n")
public final class Logline implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code execute} on it with their own writers. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Logline());
        // The table is the code's own (ExitCodes.TABLE), so --help cannot drift from what commands return.
        cl.getCommandSpec().usageMessage().exitCodeList(ExitCodes.TABLE);
        // Wide enough that URLs, timestamps and examples are not cut mid-word; a terminal may make it wider.
        cl.setUsageHelpWidth(HELP_WIDTH);
        cl.setUsageHelpLongOptionsMaxWidth(30);
        return cl;
    }

    /** Same as {@link #commandLine()} with output and errors captured by the caller. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl;
    }

    /** Columns of --help text: picocli's 80 cut URLs and timestamps in option descriptions. */
    static final int HELP_WIDTH = 120;

    @Override
    public Integer call() {
        // Without a subcommand there is nothing to do: explain what there is, and tell a script it asked for nothing.
        PrintWriter err = spec.commandLine().getErr();
        err.println("error: name a command; logline --help explains each");
        err.println();
        spec.commandLine().usage(err);
        err.flush();
        return ExitCodes.USAGE;
    }
}
