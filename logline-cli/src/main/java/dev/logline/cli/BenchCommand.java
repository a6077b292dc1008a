package dev.logline.cli;

import dev.logline.cli.bench.BenchKind;
import dev.logline.cli.bench.BenchProcess;
import dev.logline.cli.bench.BenchmarksJar;
import dev.logline.cli.bench.MissingBenchmarksJarException;
import dev.logline.cli.progress.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code logline bench [load|store|collectors|jmh] ARGS…}: runs a benchmark of {@code logline-bench} in a child JVM
 * from {@code benchmarks.jar}, passing every argument through, streaming its output and returning its exit code.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = LoglineVersion.class,
        modelTransformer = BenchCommand.StopAtFirstUnknown.class,
        synopsisSubcommandLabel = "[load|store|collectors|jmh]",
        customSynopsis = "logline bench [-hV] [load|store|collectors|jmh] [ARGS…]",
        description = {
                "Runs Logline's benchmarks, each in its own JVM from logline-bench/target/benchmarks.jar (which "
                        + "./logline builds on first use), in the folder logline-bench/ (relative paths in ARGS "
                        + "are taken from there). Without a kind it runs the load benchmark. ARGS go to the benchmark "
                        + "unchanged: `logline bench KIND --help` shows its own options. A progress bar shows long "
                        + "phases (one line redrawn on a terminal, a plain line every few seconds elsewhere).",
                "%nModes of the load benchmark (Logline server vs OpenSearch 2.19, ingest + queries):%n"
                        + "  short (default): logline bench --events 200000%n"
                        + "      200,000 events per system, a few minutes; add --systems logline for Logline alone%n"
                        + "  full:            logline bench --full%n"
                        + "      10,000,000 events per system; about an hour on 2 cores",
                "%nExamples:%n  logline bench --systems logline%n"
                        + "  logline bench store --events 1000000 --source generated%n"
                        + "  logline bench collectors --events 50000 --collectors ndjson,otlp-protobuf%n"
                        + "  logline bench jmh EncoderBenchmark -f 1 -wi 2 -i 3%n",
                "Environment: LOGLINE_BENCH_JAR (the jar, outside a checkout; also -Dlogline.bench.jar), LOGLINE_BENCH_JAVA_OPTS (more JVM "
                        + "options for the benchmark, e.g. -Xmx4g), LOGLINE_PROGRESS (terminal|plain|off)."
        },
        subcommands = {
                BenchCommand.Load.class,
                BenchCommand.Store.class,
                BenchCommand.Collectors.class,
                BenchCommand.Jmh.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the benchmark finished",
                "5:the benchmark's JVM could not be started",
                "127:no benchmarks.jar was found (the message says where it looked and how to build it)",
                "other:the benchmark's own exit code (2 bad arguments; 130/143 stopped by Ctrl-C/SIGTERM)"
        })
public final class BenchCommand implements Callable<Integer> {

    /** Exit code when the benchmarks jar is missing, as a shell says of a command it cannot find. */
    public static final int JAR_MISSING = 127;

    /** {@code logline bench --events 200000} is {@code logline bench load --events 200000}. */
    @Unmatched
    List<String> loadArgs = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return run(spec, BenchKind.LOAD, loadArgs);
    }

    /** Finds the jar, runs {@code kind} with {@code args} in a child JVM until it ends, and returns its exit code. */
    static int run(CommandSpec spec, BenchKind kind, List<String> args) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BenchmarksJar jar;
        try {
            jar = BenchmarksJar.locate(System.getProperty(BenchmarksJar.JAR_PROPERTY, System.getenv(BenchmarksJar.JAR_VARIABLE)),
                    Arrays.asList(runningCodeLocation(), Path.of("").toAbsolutePath()));
        } catch (MissingBenchmarksJarException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return JAR_MISSING;
        }
        ProgressBar.Mode progress;
        try {
            progress = ProgressBar.Mode.detect();
        } catch (IllegalArgumentException e) {
            return ExitCodes.usage(err, e.getMessage());
        }
        List<String> command = BenchProcess.command(jar, kind, extraJvmOptions(), progress, args);
        err.println("logline bench: " + kind.mainClass() + " from " + jar.jar() + " in " + jar.workingDir());
        err.flush();
        BenchProcess child;
        try {
            child = BenchProcess.start(command, jar.workingDir(), out, err);
        } catch (IOException e) {
            err.println("error: cannot start " + command.get(0) + " for the benchmark: " + e.getMessage());
            err.flush();
            return ExitCodes.STARTUP_FAILED;
        }
        // Ctrl-C reaches the whole process group on a terminal; a plain SIGTERM to us must still end the benchmark
        // and the servers it started, not leave them running.
        Thread onStop = new Thread(child::stop, "logline-bench-stop");
        Runtime.getRuntime().addShutdownHook(onStop);
        try {
            return child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.stop();
            return 130;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onStop);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running already and ends the child.
            }
        }
    }

    private static List<String> extraJvmOptions() {
        String opts = System.getenv("LOGLINE_BENCH_JAVA_OPTS");
        return opts == null || opts.isBlank() ? List.of() : List.of(opts.trim().split("\\s+"));
    }

    /** The jar (or classes folder) this command runs from: a checkout's logline-cli/target/ lies below the root. */
    private static Path runningCodeLocation() {
        try {
            return Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException unknown) {
            return null;
        }
    }

    /**
     * Lets arguments meant for the benchmark pass picocli untouched: the first one picocli does not know ends its
     * parsing, and options it does not know count as positional (so {@code --help} after a kind goes to the kind).
     */
    static final class StopAtFirstUnknown implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            spec.parser().stopAtUnmatched(true).unmatchedOptionsArePositionalParams(true);
            return spec;
        }
    }

    /** One benchmark kind: every argument after the kind's name goes to the benchmark. */
    abstract static class KindCommand implements Callable<Integer> {

        @Parameters(paramLabel = "ARGS", description = "Passed to the benchmark unchanged (try --help).")
        List<String> args = new ArrayList<>();

        @Unmatched
        List<String> unmatched = new ArrayList<>();

        @Spec
        CommandSpec spec;

        abstract BenchKind kind();

        @Override
        public Integer call() {
            List<String> all = new ArrayList<>(args);
            all.addAll(unmatched);
            return run(spec, kind(), all);
        }
    }

    @Command(name = "load", modelTransformer = StopAtFirstUnknown.class,
            description = "Logline server vs OpenSearch 2.19: the same events into each (own JVM, 1 GB heap), then "
                    + "the same queries; prints a Markdown report (default: 200,000 events; --full 10,000,000; "
                    + "--systems logline for Logline alone).")
    static final class Load extends KindCommand {
        @Override
        BenchKind kind() {
            return BenchKind.LOAD;
        }
    }

    @Command(name = "store", modelTransformer = StopAtFirstUnknown.class,
            description = "The embedded column store alone, without HTTP: events/s until durable and searchable, "
                    + "bytes on disk per event and the load queries in-process (default: 1,000,000 generated events; --source corpora).")
    static final class Store extends KindCommand {
        @Override
        BenchKind kind() {
            return BenchKind.STORE;
        }
    }

    @Command(name = "collectors", modelTransformer = StopAtFirstUnknown.class,
            description = "Events/s through each collector (NDJSON, ES bulk, Loki, OTLP, syslog) of an in-process "
                    + "server (default: 200,000 events per collector, 2 rounds).")
    static final class Collectors extends KindCommand {
        @Override
        BenchKind kind() {
            return BenchKind.COLLECTORS;
        }
    }

    @Command(name = "jmh", modelTransformer = StopAtFirstUnknown.class,
            description = "JMH micro-benchmarks (EncoderBenchmark, AppenderCallBenchmark, LogTraceBenchmark, "
                    + "ContextPropagationBenchmark): a regex of benchmarks, then JMH options (-h lists them). "
                    + "Without arguments it lists the benchmarks.")
    static final class Jmh extends KindCommand {
        @Override
        BenchKind kind() {
            return BenchKind.JMH;
        }

        @Override
        public Integer call() {
            List<String> all = new ArrayList<>(args);
            all.addAll(unmatched);
            // JMH runs every benchmark when given nothing, for hours; listing them is the useful answer.
            return run(spec, kind(), all.isEmpty() ? List.of("-l") : all);
        }
    }
}
