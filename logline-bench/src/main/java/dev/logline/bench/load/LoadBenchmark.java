package dev.logline.bench.load;

import dev.logline.bench.data.CorpusReader;
import dev.logline.bench.data.SourceKind;
import dev.logline.bench.data.EventSource;
import dev.logline.bench.data.QueryTargets;
import dev.logline.cli.progress.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The side-by-side server benchmark: the same events, sent by the same load generator, to {@code logline server}
 * (embedded store) and to OpenSearch 2.19, each in its own child JVM, one after the other; then the same queries
 * to both. Prints a Markdown report (also written to {@code --report}).
 */
@Command(name = "logline bench load", mixinStandardHelpOptions = true,
        description = "Ingest and query benchmark: Logline server vs OpenSearch 2.19 on the same events.")
public final class LoadBenchmark implements Callable<Integer> {

    /** Progress bars go to stderr, so the report on stdout can be piped on its own. */
    private static final PrintWriter STDERR = new PrintWriter(System.err, true);

    /** Where events come from. */

    @Option(names = "--events", defaultValue = "200000",
            description = "Events to load into each system (short mode 200000, full mode 10000000). Default: ${DEFAULT-VALUE}")
    long events;

    @Option(names = "--full", description = "Full mode: 10,000,000 events (overrides --events).")
    boolean full;

    @Option(names = "--source", defaultValue = "generated",
            description = "generated (synthetic microservice shop) or corpora (LogHub + Nezha replayed). Default: ${DEFAULT-VALUE}")
    SourceKind source;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the data. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--batch", defaultValue = "1000", description = "Events per request. Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--concurrency", defaultValue = "4", description = "Requests in flight. Default: ${DEFAULT-VALUE}")
    int concurrency;

    @Option(names = "--warmup", defaultValue = "5", description = "Untimed runs of each query first. Default: ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--warmup-events", defaultValue = "100000",
            description = "Events each system ingests and queries untimed before the measured run, then drops (its "
                    + "process keeps running, so the JIT-compiled code of both systems is warm); 0 measures from a cold "
                    + "start. Default: ${DEFAULT-VALUE}")
    long warmupEvents;

    @Option(names = "--runs", defaultValue = "50", description = "Timed runs of each query at most. Default: ${DEFAULT-VALUE}")
    int runs;

    @Option(names = "--query-budget", defaultValue = "15s",
            description = "Time per query and system after which no further run starts (at least 5 timed runs). Default: ${DEFAULT-VALUE}")
    String queryBudget;

    @Option(names = "--systems", split = ",", defaultValue = "logline,opensearch",
            description = "Systems to run, in order. Default: ${DEFAULT-VALUE}")
    List<String> systems;

    @Option(names = "--work-dir", description = "Folder for data and logs. Default: target/load-bench-<time>")
    Path workDir;

    @Option(names = "--report", description = "Markdown report file. Default: <work-dir>/results.md")
    Path report;

    @Option(names = "--logline-heap", defaultValue = "320m",
            description = "Maximum heap of the Logline server JVM (-Xmx; the `logline` launcher's default). Default: ${DEFAULT-VALUE}")
    String loglineHeap;

    @Option(names = "--opensearch-heap", defaultValue = "1g", description = "Heap of the OpenSearch JVM. Default: ${DEFAULT-VALUE}")
    String openSearchHeap;

    @Option(names = "--opensearch-classpath", defaultValue = "target/opensearch.classpath",
            description = "File with OpenSearch's classpath; resolved with Maven from --opensearch-pom when missing. Default: ${DEFAULT-VALUE}")
    Path openSearchClasspath;

    @Option(names = "--opensearch-pom", defaultValue = "opensearch-node.pom.xml",
            description = "The POM that lists OpenSearch's classpath. Default: ${DEFAULT-VALUE}")
    Path openSearchPom;

    @Option(names = "--prerender-max", defaultValue = "1000000",
            description = "Render all request bodies before the timed load when there are at most this many events "
                    + "(else render while sending). Default: ${DEFAULT-VALUE}")
    long prerenderMax;

    @Option(names = "--keep-data", description = "Keep each system's data folder after the run.")
    boolean keepData;

    @Option(names = "--result-caches", description = "Let repeated aggregations be answered from result caches "
            + "(Logline's partials of whole parts, OpenSearch's shard request cache). Default: off, both systems do "
            + "the work every time.")
    boolean resultCaches;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadBenchmark()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (full) {
            events = 10_000_000L;
        }
        if (events < 1 || batch < 1 || warmup < 1 || runs < 1 || warmupEvents < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--events, --batch, --warmup and --runs must be at least 1");
        }
        if (source == SourceKind.corpora && CorpusReader.locate().isEmpty()) {
            System.err.println("no corpora found (looked for /work/shared/corpora and ../shared/corpora; set -D"
                    + CorpusReader.CORPORA_PROPERTY + "=DIR); use --source generated");
            return 2;
        }
        Path dir = workDir != null ? workDir
                : Path.of("target", "load-bench-" + Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(':', '-'));
        Files.createDirectories(dir);
        Path reportFile = report != null ? report : dir.resolve("results.md");
        // Every system gets events stamped in the same 24 h window ending now.
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Duration span = Duration.ofHours(24);

        List<SystemResult> results = new ArrayList<>();
        StringBuilder load = new StringBuilder();
        for (String name : systems) {
            SystemUnderTest system = switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "logline" -> new LoglineSystem(dir, loglineHeap, System.getProperty("java.class.path"),
                        resultCaches);
                case "opensearch" -> new OpenSearchSystem(dir,
                        OpenSearchClasspath.resolve(openSearchClasspath, openSearchPom), openSearchHeap);
                default -> throw new CommandLine.ParameterException(new CommandLine(this),
                        "unknown system '" + name + "'; use logline and/or opensearch");
            };
            load.append(String.format(Locale.ROOT, "%s: load average %.1f before", system.name(), loadAverage()));
            results.add(run(system, newSource(end, span), end, span));
            load.append(String.format(Locale.ROOT, ", %.1f after; ", loadAverage()));
            if (!keepData) {
                deleteTree(system.dataDir());
            }
        }
        String setup = String.format(Locale.ROOT,
                "%,d events (%s, seed %d), batches of %d, %d concurrent senders, up to %d warm-up + %d timed runs per query "
                        + "(no new run after %s, at least 5); result caches %s; %,d warm-up events per system, dropped "
                        + "before the measured run; %d CPUs, %s; %s",
                events, source, seed, batch, concurrency, warmup, runs, queryBudget,
                resultCaches ? "on" : "off (both systems do the work every run)", warmupEvents,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), load.toString().trim());
        String md = results.size() >= 2 ? ResultReport.markdown(setup, results.get(0), results.get(1))
                : ResultReport.markdown(setup, results.get(0));
        Files.writeString(reportFile, md, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(md);
        System.out.println("report: " + reportFile.toAbsolutePath() + "; server logs in " + dir.toAbsolutePath());
        return 0;
    }

    private EventSource newSource(Instant end, Duration span) {
        return source.open(seed, events, end, span);
    }

    private SystemResult run(SystemUnderTest system, EventSource events, Instant end, Duration span) {
        try (system) {
            log(system.name() + ": starting");
            long t0 = System.nanoTime();
            system.start();
            Duration startup = Duration.ofNanos(System.nanoTime() - t0);
            log(system.name() + ": up in " + startup.toMillis() + " ms");
            if (warmupEvents > 0) {
                warmUp(system, end, span);
            }
            log(system.name() + ": preparing " + this.events + " events");
            BatchStream batches = this.events <= prerenderMax
                    ? BatchStream.prerendered(events, batch, system.format())
                    : BatchStream.onDemand(events, batch, system.format());

            log(system.name() + ": loading");
            Duration cpu0 = system.cpuTime();
            long loadStart = System.nanoTime();
            LoadResult load;
            try (ProgressBar progress = ProgressBar.counting(system.name() + " ingest", this.events, "events", STDERR)) {
                load = new BulkLoader(concurrency).load(system.ingestUri(), system.format().contentType(),
                        batches, system::rejected, progress);
            }
            log(String.format(Locale.ROOT, "%s: %,d events acknowledged in %.1f s (%,.0f/s), %d rejected; making searchable",
                    system.name(), load.events(), load.elapsed().toMillis() / 1e3, load.eventsPerSecond(), load.failed()));
            system.makeSearchable();
            Duration searchable = Duration.ofNanos(System.nanoTime() - loadStart);
            Duration ingestCpu = system.cpuTime().minus(cpu0);

            log(system.name() + ": final commit");
            long f0 = System.nanoTime();
            system.finishStorage();
            Duration finish = Duration.ofNanos(System.nanoTime() - f0);
            long disk = system.diskBytes();

            QueryTargets targets = events.targets();
            long fromMillis = end.minus(span).toEpochMilli();
            long toMillis = end.toEpochMilli() + 1;
            log(system.name() + ": queries");
            List<QueryCase> cases = QuerySuite.of(targets, fromMillis, toMillis, OpenSearchSystem.INDEX, resultCaches);
            QueryTimer timer = new QueryTimer(warmup, runs, budget());
            List<QueryTimer.Timing> timings = new ArrayList<>();
            try (ProgressBar progress = ProgressBar.counting(system.name() + " queries", cases.size(), "queries", STDERR)) {
                for (QueryCase c : cases) {
                    // One query at a time, so the bar can say which one is being timed (and none between two).
                    progress.detail(c.name());
                    timings.addAll(timer.time(system, List.of(c)));
                    progress.detail(null);
                    progress.step(1);
                }
            }
            return new SystemResult(system.name(), load, searchable, ingestCpu, finish, disk, startup, timings,
                    system.peakRssBytes());
        }
    }

    /**
     * Ingests and queries a different set of events (another seed) the way the measured run will, then has the system
     * drop them: what is measured afterwards is the steady state of a running server, not its JIT compiler.
     */
    private void warmUp(SystemUnderTest system, Instant end, Duration span) {
        log(String.format(Locale.ROOT, "%s: warm-up with %,d events (untimed, dropped afterwards)", system.name(), warmupEvents));
        EventSource w = source.open(seed + 1, warmupEvents, end, span);
        BatchStream batches = BatchStream.prerendered(w, batch, system.format());
        try (ProgressBar progress = ProgressBar.counting(system.name() + " warm-up", warmupEvents, "events", STDERR)) {
            new BulkLoader(concurrency).load(system.ingestUri(), system.format().contentType(), batches,
                    system::rejected, progress);
        }
        system.makeSearchable();
        List<QueryCase> cases = QuerySuite.of(w.targets(), end.minus(span).toEpochMilli(), end.toEpochMilli() + 1,
                OpenSearchSystem.INDEX, resultCaches);
        new QueryTimer(warmup, QueryTimer.MIN_RUNS, budget()).time(system, cases);
        system.reset();
    }

    private Duration budget() {
        String s = queryBudget.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            if (s.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
            }
            if (s.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandLine.ParameterException(new CommandLine(this),
                "--query-budget must look like 500ms, 15s or 2m, was '" + queryBudget + "'");
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void log(String line) {
        System.out.println("[" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + line);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
