package dev.logline.cli;

import dev.logline.demo.DemoSettings;
import dev.logline.demo.ShopDashboards;
import dev.logline.demo.ShopDemo;
import dev.logline.demo.traffic.Purchase;
import dev.logline.demo.traffic.Scenario;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.server.alerts.AlertSettings;
import dev.logline.server.auth.AuthSettings;
import dev.logline.server.auth.KeyFile;
import dev.logline.server.auth.KeyFileException;
import dev.logline.server.dashboards.DashboardSettings;
import dev.logline.server.documents.DocumentStore;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code logline demo}: the server with the embedded store, the demo shop's services shipping their logs to it, and
 * simulated customers buying, in this process, until Ctrl-C or {@code --duration}; prints where to look.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = LoglineVersion.class,
        description = {
                "Runs a Logline server and the demo shop next to it: inventory, purchasing, ordering and an inference "
                        + "service talking over HTTP on loopback, each logging through LoglineAppender, with simulated "
                        + "customers (some orders run out of stock, some payments time out, some model calls are "
                        + "slow). "
                        + "Prints the web UI's address and links to single transactions.",
                "%nExamples:%n  logline demo%n  logline demo --port 4680 --rate 5 --duration 10m --data ./demo-data%n"
        })
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "4680",
            description = "TCP port of the Logline server (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Where the server stores events (default: a new temporary directory, deleted on exit; "
                    + "give one to browse the demo's events later with `logline server --data DIR`).")
    Path data;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "3",
            description = "Mean purchases per second of the simulated customers (default: ${DEFAULT-VALUE}; "
                    + "0 for none).")
    double rate;

    @Option(names = "--duration", paramLabel = "D", converter = DurationText.class,
            description = "Stop after this long, e.g. 90s, 10m, 2h (default: run until Ctrl-C).")
    Duration duration;

    @Option(names = "--shop-port", paramLabel = "PORT", defaultValue = "0",
            description = "First port of the shop's services: inventory on it, purchasing +1, ordering +2, "
                    + "inference +3, the payment gateway +4 (default: ${DEFAULT-VALUE}, free ports).")
    int shopPort;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65_535) {
            return ExitCodes.usage(err, "--port must be 0..65535, was " + port);
        }
        if (rate < 0 || rate > 1000) {
            return ExitCodes.usage(err, "--rate must be 0..1000 purchases per second, was " + rate);
        }
        if (shopPort < 0 || shopPort > 65_531) {
            return ExitCodes.usage(err, "--shop-port must be 0 (free ports) or 1..65531, was " + shopPort);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            return ExitCodes.usage(err, "--duration must be positive, was " + duration);
        }
        boolean temporary = data == null;
        Path dir;
        try {
            dir = temporary ? Files.createTempDirectory("logline-demo-") : Files.createDirectories(data);
        } catch (IOException e) {
            err.println("error: " + (data == null ? "cannot create a temporary data directory: " + e.getMessage()
                    : StartupProblem.dataDirectory(data, e)));
            err.flush();
            return ExitCodes.STARTUP_FAILED;
        }
        // The shop's appenders ship without a key, so a data directory that requires keys cannot host the demo.
        try {
            if (!KeyFile.in(dir).read().isEmpty()) {
                err.println("error: " + KeyFile.in(dir).path() + " holds API keys, so the server would refuse the demo "
                        + "shop's logs (it ships without a key); give the demo another --data directory");
                return ExitCodes.STARTUP_FAILED;
            }
        } catch (KeyFileException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.STARTUP_FAILED;
        }
        Running running = new Running(dir, temporary);
        try {
            running.store = ColumnarLogStore.open(ColumnarStoreConfig.defaults(dir));
            running.server = LoglineServer.builder()
                    .config(ServerConfig.defaults().withPort(port).withBindAddress("127.0.0.1"))
                    .store(running.store)
                    .auth(AuthSettings.inDataDir(dir))
                    .alerts(AlertSettings.inDataDir(dir))
                    .documents(DocumentStore.in(dir))
                    // The demo's boards are provisioned from files, as a team would keep them in git.
                    .dashboards(DashboardSettings.defaults().withProvisionedFolder(
                            ShopDashboards.copyTo(dir.resolve("demo-dashboards"))))
                    .build()
                    .start();
            String base = "http://127.0.0.1:" + running.server.port();
            running.shop = ShopDemo.start(DemoSettings.defaults(URI.create(base), dir.resolve("demo-spool"))
                    .withBasePort(shopPort).withPurchasesPerSecond(rate));
            // Two transactions made now, so the links printed below lead somewhere interesting at once.
            Purchase placed = running.shop.traffic().purchase(Scenario.PLACED);
            Purchase timedOut = running.shop.traffic().purchase(Scenario.PAYMENT_TIMEOUT);
            printWelcome(out, base, dir, temporary, running.shop, placed, timedOut);
        } catch (IOException | RuntimeException e) {
            err.println("error: the demo did not start: " + (running.server == null
                    ? StartupProblem.serverStart(e, "127.0.0.1", port) : e.getMessage()));
            running.stop(err);
            return ExitCodes.STARTUP_FAILED;
        } catch (InterruptedException e) {
            running.stop(err);
            Thread.currentThread().interrupt();
            return ExitCodes.STARTUP_FAILED;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            printSummary(out, running);
            running.stop(err);
            stopped.countDown();
        }, "logline-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            boolean byHook = duration == null ? awaitForever(stopped)
                    : stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            if (!byHook) {
                Runtime.getRuntime().removeShutdownHook(hook);
                printSummary(out, running);
                running.stop(err);
            }
        } catch (InterruptedException e) {
            // Interrupted by an embedding caller (tests): stop as Ctrl-C would.
            Runtime.getRuntime().removeShutdownHook(hook);
            running.stop(err);
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }

    private static boolean awaitForever(CountDownLatch stopped) throws InterruptedException {
        stopped.await();
        return true;
    }

    private void printWelcome(PrintWriter out, String base, Path dir, boolean temporary, ShopDemo shop,
                              Purchase placed, Purchase timedOut) {
        out.println("Logline " + LoglineVersion.version() + " demo: server on " + base + ", data in "
                + dir.toAbsolutePath().normalize() + (temporary ? " (deleted on exit)" : ""));
        out.println("Shop on 127.0.0.1: ordering :" + shop.orderingUri().getPort() + ", purchasing :"
                + shop.purchasingUri().getPort() + ", inventory :" + shop.inventoryUri().getPort() + ", inference :"
                + shop.inferenceUri().getPort());
        DemoSettings settings = shop.settings();
        out.printf(Locale.ROOT, "Traffic: %.1f purchases/s (about %.0f%% out of stock, %.0f%% payment timeouts, "
                + "%.0f%% slow model calls)%n", settings.purchasesPerSecond(), settings.mix().outOfStock() * 100,
                settings.mix().paymentTimeout() * 100, settings.slowModelRate() * 100);
        out.println();
        out.println("Web UI:             " + base + "/");
        out.println("Shop dashboard:     " + base + "/dashboards/" + ShopDashboards.IDS.get(0));
        out.println("A placed order:     " + traceLink(base, placed.traceId()) + "   (order " + placed.orderId() + ")");
        out.println("A payment timeout:  " + traceLink(base, timedOut.traceId()) + "   (order " + timedOut.orderId()
                + ")");
        out.println("By order number:    " + base + "/#trace=" + encode(placed.orderId()) + "&field=order_id");
        out.println("Models:             " + base + "/ml.html   (two training runs; a drift event about a minute"
                + " after new accounts start buying, at " + settings.driftStart().toSeconds() + " s)");
        out.println("Try in the search bar:  level:ERROR | stats count() by service, error.type");
        out.println("                        service:inference | stats avg(latency_ms), p95(latency_ms)"
                + " by model_version");
        out.println(duration == null ? "Ctrl-C stops." : "Stops after " + duration.toString().substring(2)
                .toLowerCase(Locale.ROOT) + " (or Ctrl-C).");
        out.flush();
    }

    /** The web UI keeps its view in the URL's fragment; {@code trace=} opens a transaction's waterfall. */
    static String traceLink(String base, String traceId) {
        return base + "/#trace=" + encode(traceId);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void printSummary(PrintWriter out, Running running) {
        if (running.shop != null) {
            out.println("Stopping: purchases answered by status " + running.shop.traffic().answersByStatus()
                    + ", " + running.shop.eventsShipped() + " events shipped.");
            out.flush();
        }
    }

    /** What the demo started, stopped in reverse order exactly once (by Ctrl-C, the duration, or a failed start). */
    private static final class Running {
        private final Path dir;
        private final boolean temporary;
        private ColumnarLogStore store;
        private LoglineServer server;
        private ShopDemo shop;
        private boolean stopped;

        Running(Path dir, boolean temporary) {
            this.dir = dir;
            this.temporary = temporary;
        }

        synchronized void stop(PrintWriter err) {
            if (stopped) {
                return;
            }
            stopped = true;
            // The shop first: its appenders deliver what they still hold while the server listens. Each later
            // step runs even when an earlier one fails, so the store is closed and a temp dir removed regardless.
            try {
                if (shop != null) {
                    shop.close();
                }
            } catch (RuntimeException e) {
                err.println("logline demo: stopping the shop failed: " + e.getMessage());
            } finally {
                try {
                    if (server != null) {
                        server.close();
                    }
                } finally {
                    closeStore(err);
                }
            }
            err.flush();
        }

        private void closeStore(PrintWriter err) {
            try {
                if (store != null) {
                    store.close();
                }
            } catch (IOException e) {
                err.println("logline demo: closing the store failed: " + e.getMessage());
            } finally {
                if (temporary) {
                    deleteTree(dir, err);
                }
            }
        }

        private static void deleteTree(Path root, PrintWriter err) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                err.println("logline demo: could not delete " + root + ": " + e.getMessage());
            }
        }
    }

    /** Reads {@code --duration}: {@code 500ms}, {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d} or ISO {@code PT10M}. */
    static final class DurationText implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            Matcher m = SHORT.matcher(v);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            try {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: use e.g. 90s, "
                        + "10m, 2h or PT10M");
            }
        }
    }
}
