package dev.logline.cli;

import dev.logline.cli.ship.DurationConverter;
import dev.logline.cli.ship.FileShipper;
import dev.logline.cli.ship.IngestClient;
import dev.logline.cli.ship.ProgressReport;
import dev.logline.cli.ship.ShipFormat;
import dev.logline.cli.ship.ShipOutcome;
import dev.logline.cli.ship.ShipSettings;
import dev.logline.cli.ship.StateDirectoryInUseException;
import dev.logline.core.redact.Redactor;
import dev.logline.core.tls.ClientTls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code logline ship FILE…}: follows log files like Filebeat and ships their events to a server, at least once. */
@Command(name = "ship", mixinStandardHelpOptions = true, versionProvider = LoglineVersion.class,
        description = {
                "Follows files (paths or glob patterns) and ships every line to a Logline server: JSON lines as they "
                        + "are, plain lines as events with the leading timestamp and level word parsed, Java stack "
                        + "traces joined onto their event. Offsets are saved in the state directory after the server "
                        + "acknowledged each batch, so a restart neither loses nor repeats lines. Follows rotation by "
                        + "rename and copytruncate. Runs until Ctrl-C, or with --once until everything is shipped.",
                "%nExamples:%n  logline ship '/var/log/shop/*.log' --service shop%n"
                        + "  logline ship app.log --once --url http://logs.example:4680 --api-key $KEY%n"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:everything read was shipped (--once), or stopped by Ctrl-C",
                "1:the server rejected some events (reported and skipped), or --once found no file",
                "2:invalid command-line usage, or the state directory is unusable or in use",
                "3:the server stayed unreachable past --give-up-after",
                "4:the server refused the batches (bad key, wrong URL) or kept failing past --give-up-after"
        })
public final class ShipCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE|GLOB",
            description = "Files to follow; globs (*, ?, [..], {a,b}, ** across directories) are expanded again "
                    + "every --scan-interval. Quote globs so the shell leaves them to the shipper.")
    List<String> files;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:LOGLINE_URL:-http://127.0.0.1:4680}",
            description = "The Logline server (env LOGLINE_URL; default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:LOGLINE_API_KEY}",
            description = "API key with the ingest role, sent as a bearer token (env LOGLINE_API_KEY).")
    String apiKey;

    @Option(names = "--ca-file", paramLabel = "PEM", defaultValue = "${env:LOGLINE_CA_FILE}",
            description = "CA certificate (PEM) an https:// server's certificate must be signed by (env "
                    + "LOGLINE_CA_FILE; default: the system trust store).")
    Path caFile;

    @Mixin
    RedactionOptions redaction;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "./.logline/ship",
            description = "Where the offsets of the files are remembered (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--service", paramLabel = "NAME",
            description = "The service field of events made from plain lines (JSON lines keep their own).")
    String service;

    @Option(names = "--format", paramLabel = "auto|json|plain", defaultValue = "auto",
            description = "auto: JSON-object lines as they are, others as plain text; json: every line as it is; "
                    + "plain: every line as text (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--multiline-pattern", paramLabel = "REGEX",
            description = "A plain line in which this Java regex finds a match continues the previous event, "
                    + "in addition to stack-trace lines (e.g. '^\\s' for every indented line).")
    String multilinePattern;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + ShipSettings.DEFAULT_BATCH_SIZE,
            description = "Events per request (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--once", description = "Ship what the files hold now and exit, rather than follow them.")
    boolean once;

    @Option(names = "--scan-interval", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How often globs are expanded again and rotation is checked (default: ${DEFAULT-VALUE}).")
    Duration scanInterval;

    @Option(names = "--close-inactive", paramLabel = "DURATION", defaultValue = "1m", converter = DurationConverter.class,
            description = "How long a rotated or deleted file must stay unchanged before it is closed "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration closeInactive;

    @Option(names = "--give-up-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop when one batch keeps failing this long (default: retry until interrupted).")
    Duration giveUpAfter;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long one request may take (default: ${DEFAULT-VALUE}s).")
    int timeoutSeconds;

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How often a progress line is printed on stderr (default: ${DEFAULT-VALUE}).")
    Duration progressInterval;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ShipSettings settings;
        IngestClient client;
        try {
            settings = ShipSettings.of(files, stateDir)
                    .withFormat(ShipFormat.parse(format))
                    .withService(service)
                    .withMultilinePattern(multilinePattern == null ? null : Pattern.compile(multilinePattern))
                    .withBatchSize(batchSize)
                    .withOnce(once)
                    .withScanInterval(scanInterval)
                    .withCloseInactive(closeInactive)
                    .withGiveUpAfter(giveUpAfter);
            if (timeoutSeconds < 1) {
                throw new IllegalArgumentException("--timeout must be at least 1 second, was " + timeoutSeconds);
            }
            client = new IngestClient(url, apiKey, Duration.ofSeconds(timeoutSeconds),
                    caFile == null ? null : ClientTls.context(caFile, "--ca-file"), Redactor.of(redaction.policy()));
        } catch (PatternSyntaxException e) {
            return ExitCodes.usage(err, "--multiline-pattern is no valid regex: " + e.getDescription() + " near index " + e.getIndex());
        } catch (IllegalArgumentException e) {
            return ExitCodes.usage(err, e.getMessage());
        }
        ProgressReport report = new ProgressReport(err, progressInterval);
        FileShipper shipper = new FileShipper(settings, client, report);
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C: let the batch in flight be answered and its offsets saved, so a restart repeats nothing.
        Thread onCtrlC = new Thread(() -> {
            shipper.stop();
            try {
                finished.await(timeoutSeconds + 5L, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "logline-ship-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            ShipOutcome outcome;
            try {
                outcome = shipper.run();
            } catch (StateDirectoryInUseException e) {
                return ExitCodes.usage(err, e.getMessage());
            } catch (IOException e) {
                return ExitCodes.usage(err, "cannot use the state directory " + stateDir + ": " + e.getMessage());
            }
            report.finished(outcome);
            return exitCode(outcome, err);
        } finally {
            // Only now may a Ctrl-C hook let the JVM halt: the summary above is printed.
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // The hook is already running; it is waiting for exactly this moment.
            }
        }
    }

    private int exitCode(ShipOutcome outcome, PrintWriter err) {
        return switch (outcome.ending()) {
            case COMPLETED, STOPPED -> {
                if (once && outcome.totals().files() == 0) {
                    err.println("error: no text file matches " + String.join(" ", files) + " (binary files are skipped)");
                    err.flush();
                    yield ExitCodes.QUERY_ERROR;
                }
                yield outcome.totals().rejected() > 0 ? ExitCodes.QUERY_ERROR : ExitCodes.OK;
            }
            case GAVE_UP -> outcome.failure().unreachable() ? ExitCodes.UNREACHABLE : ExitCodes.SERVER_ERROR;
            case REFUSED -> ExitCodes.SERVER_ERROR;
        };
    }
}
