package dev.logline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code logline} command: the entry point of the runnable jar, holding one subcommand per task. */
@Command(name = "logline",
        mixinStandardHelpOptions = true,
        versionProvider = LoglineVersion.class,
        description = "Structured, distributed logging: run the server and query, tail and trace its logs, and manage its API keys.",
        subcommands = {
                ServerCommand.class,
                DemoCommand.class,
                QueryCommand.class,
                TailCommand.class,
                TraceCommand.class,
                ShipCommand.class,
                KeysCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:the query was rejected (bad LQL), or nothing matched a trace",
                "2:invalid command-line usage",
                "3:the server could not be reached",
                "4:the server answered with an error",
                "5:the server failed to start",
                "6:a local file (the API key file) could not be read or written"
        })
public final class Logline implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code execute} on it with their own writers. */
    public static CommandLine commandLine() {
        return new CommandLine(new Logline());
    }

    /** Same as {@link #commandLine()} with output and errors captured by the caller. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl;
    }

    @Override
    public void run() {
        // Without a subcommand there is nothing to do but explain what there is.
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
