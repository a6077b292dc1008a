package dev.logline.bench.collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.logline.bench.data.MicroserviceEventGenerator;
import dev.logline.cli.progress.ProgressBar;
import dev.logline.core.LogEvent;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Events per second through each collector of an in-process server over the real column store: the same generated
 * events in every wire format, pre-encoded, sent in batches by concurrent senders. Prints a Markdown table.
 */
@Command(name = "logline bench collectors", mixinStandardHelpOptions = true,
        description = "Ingest throughput of each collector (native NDJSON, ES bulk, Loki JSON/protobuf, OTLP protobuf/JSON, "
                + "syslog TCP) against an in-process Logline server with the embedded column store.")
public final class CollectorThroughputBenchmark implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "200000", description = "Timed events per collector. Default: ${DEFAULT-VALUE}")
    int events;

    @Option(names = "--warmup", defaultValue = "20000",
            description = "Untimed events per collector first (JIT, store warm-up). Default: ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--batch", defaultValue = "1000", description = "Events per request (syslog: per socket write). Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--concurrency", defaultValue = "4", description = "Concurrent senders (connections). Default: ${DEFAULT-VALUE}")
    int concurrency;

    @Option(names = "--collectors", split = ",",
            defaultValue = "ndjson,es-bulk,loki-json,loki-protobuf,otlp-protobuf,otlp-json,syslog-tcp",
            description = "Collectors to measure, in order. Default: ${DEFAULT-VALUE}")
    List<String> collectors;

    @Option(names = "--rounds", defaultValue = "2",
            description = "Passes over all collectors, interleaved so load drift and JIT order hit each alike; "
                    + "the table shows the best pass and every pass. Default: ${DEFAULT-VALUE}")
    int rounds;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated events. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--work-dir", description = "Folder for the stores (each deleted after its run). Default: a temporary folder")
    Path workDir;

    @Option(names = "--report", description = "Also write the Markdown table to this file.")
    Path report;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CollectorThroughputBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (events < 1 || warmup < 0 || batch < 1 || concurrency < 1 || rounds < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--events, --batch, --concurrency and --rounds must be positive and --warmup not negative");
        }
        List<WireFormat> formats = collectors.stream().map(WireFormat::byCliName).toList();
        // Netty and Armeria log every DEBUG line without a configuration; that would be measured as collector cost.
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);

        Instant end = Instant.now();
        List<LogEvent> timedEvents = generate(seed, events, end);
        List<LogEvent> warmupEvents = generate(seed + 1, warmup, end);
        Path root = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("logline-collector-bench");

        Map<WireFormat, EncodedBatches> warm = new EnumMap<>(WireFormat.class);
        Map<WireFormat, EncodedBatches> timed = new EnumMap<>(WireFormat.class);
        for (WireFormat format : formats) {
            warm.put(format, EncodedBatches.of(format, warmupEvents, batch));
            timed.put(format, EncodedBatches.of(format, timedEvents, batch));
        }
        Map<WireFormat, List<ThroughputResult>> results = new EnumMap<>(WireFormat.class);
        // Progress on stderr (the table goes to stdout), stepped by each collector's timed events once it is measured.
        try (ProgressBar progress = ProgressBar.counting("collectors", (long) rounds * formats.size() * events, "events",
                new PrintWriter(System.err, true))) {
            for (int round = 1; round <= rounds; round++) {
                for (WireFormat format : formats) {
                    progress.detail("round " + round + ": " + format.title);
                    Path dataDir = root.resolve(format.cliName + "-" + round);
                    try {
                        ThroughputResult r = new CollectorRun(format, concurrency, dataDir).measure(warm.get(format), timed.get(format));
                        results.computeIfAbsent(format, f -> new ArrayList<>()).add(r);
                        progress.message(String.format(Locale.ROOT, "round %d  %-30s %,10.0f events/s", round,
                                format.title, r.eventsPerSecond()));
                        progress.step(events);
                    } finally {
                        deleteTree(dataDir);
                    }
                }
            }
        }
        String table = table(results);
        System.out.print(table);
        if (report != null) {
            Files.writeString(report, table, StandardCharsets.UTF_8);
        }
        return 0;
    }

    private static List<LogEvent> generate(long seed, int count, Instant end) {
        MicroserviceEventGenerator generator = new MicroserviceEventGenerator(seed, count, end, Duration.ofHours(1));
        List<LogEvent> list = new ArrayList<>(count);
        while (generator.hasNext()) {
            list.add(generator.next());
        }
        return list;
    }

    private String table(Map<WireFormat, List<ThroughputResult>> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%,d events per collector and round (after %,d warm-up), %d rounds, batches of %,d, %d senders; "
                        + "load average at the end: %s; %d CPUs, Java %s%n%n", events, warmup, rounds, batch, concurrency,
                loadAverage(), Runtime.getRuntime().availableProcessors(), Runtime.version()));
        out.append("| collector | events/s (best) | seconds (best) | events/s, every round | body bytes/event |\n")
                .append("|---|---:|---:|---|---:|\n");
        for (Map.Entry<WireFormat, List<ThroughputResult>> e : results.entrySet()) {
            ThroughputResult best = e.getValue().stream().max(Comparator.comparingDouble(ThroughputResult::eventsPerSecond)).orElseThrow();
            String every = e.getValue().stream()
                    .map(r -> String.format(Locale.ROOT, "%,.0f", r.eventsPerSecond()))
                    .collect(Collectors.joining(" / "));
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %.2f | %s | %.0f |%n",
                    e.getKey().title, best.eventsPerSecond(), best.seconds(), every, best.bytesPerEvent()));
        }
        return out.toString();
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown (no /proc/loadavg)";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
