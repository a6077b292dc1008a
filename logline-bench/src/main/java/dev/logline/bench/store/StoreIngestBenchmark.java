package dev.logline.bench.store;

import dev.logline.bench.data.EventSource;
import dev.logline.bench.data.QueryTargets;
import dev.logline.bench.data.SourceKind;
import dev.logline.bench.load.DiskUsage;
import dev.logline.cli.progress.ProgressBar;
import dev.logline.core.LogEvent;
import dev.logline.query.LqlParser;
import dev.logline.query.Query;
import dev.logline.store.BackpressureException;
import dev.logline.store.SearchRequest;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.core.crypto.EncryptionKeys;
import dev.logline.store.columnar.ColumnarStoreConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * The embedded store alone, without HTTP: events written per second until durable (the write futures complete),
 * until searchable, bytes on disk per event after the final merge, and the load benchmark's queries run in-process —
 * for generated or corpus-shaped events. The quick loop for store work; the side-by-side numbers come from
 * {@code logline bench load}.
 */
@Command(name = "logline bench store", mixinStandardHelpOptions = true,
        description = "Writes events straight into the column store and reports events/s, bytes per event and query times.")
public final class StoreIngestBenchmark implements Runnable {

    private static final List<LogEvent> END = List.of();

    @Option(names = "--events", defaultValue = "1000000", description = "Events to write. Default: ${DEFAULT-VALUE}")
    long events;

    @Option(names = "--full", description = "Full mode: 10,000,000 events (overrides --events).")
    boolean full;

    @Option(names = "--source", defaultValue = "generated",
            description = "generated or corpora (the shared loghub + TrainTicket samples replayed to volume). Default: ${DEFAULT-VALUE}")
    SourceKind source;

    @Option(names = "--batch", defaultValue = "1000", description = "Events per write. Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--writers", defaultValue = "4", description = "Threads writing concurrently. Default: ${DEFAULT-VALUE}")
    int writers;

    @Option(names = "--runs", defaultValue = "20", description = "Timed runs of each query (0: no queries). Default: ${DEFAULT-VALUE}")
    int runs;

    @Option(names = "--dir", description = "Data folder (default: a new folder under target/).")
    Path dir;

    @Option(names = "--partial-cache-bytes", defaultValue = "0",
            description = "The store's cache of whole parts' aggregation partials; 0 (the default here) makes every "
                    + "repeated stats/timechart read its blocks again, as the first one does. Default: ${DEFAULT-VALUE}")
    long partialCacheBytes;

    @Option(names = "--encrypt", description = "Seal the WAL and parts with a fresh AES-256-GCM key (encryption at rest).")
    boolean encrypt;

    public static void main(String[] args) {
        System.exit(new CommandLine(new StoreIngestBenchmark()).execute(args));
    }

    @Override
    public void run() {
        long total = full ? 10_000_000L : events;
        Path data = dir != null ? dir : Path.of("target", "store-ingest-" + System.currentTimeMillis());
        Instant end = Instant.now();
        EventSource source = this.source.open(42, total, end, Duration.ofHours(23));
        BlockingQueue<List<LogEvent>> batches = new ArrayBlockingQueue<>(writers * 4);
        AtomicLong throttled = new AtomicLong();
        long cpuBefore = processCpuNanos();
        try (ColumnarLogStore store = ColumnarLogStore.open(ColumnarStoreConfig.defaults(data).toBuilder()
                .retentionDays(0)
                .partialCacheBytes(partialCacheBytes)
                .encryptionKeys(encrypt ? EncryptionKeys.parse(EncryptionKeys.newEntry("bench"), "--encrypt") : null)
                .build())) {
            long start = System.nanoTime();
            long produced = 0;
            // Progress on stderr, so the table on stdout can be piped on its own.
            try (ProgressBar progress = ProgressBar.counting("store ingest", total, "events",
                    new PrintWriter(System.err, true))) {
                List<Thread> threads = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    Thread t = new Thread(() -> write(store, batches, throttled, progress), "writer-" + w);
                    t.start();
                    threads.add(t);
                }
                while (source.hasNext()) {
                    List<LogEvent> b = new ArrayList<>(batch);
                    while (b.size() < batch && source.hasNext()) {
                        b.add(source.next());
                    }
                    produced += b.size();
                    batches.put(b);
                }
                for (int w = 0; w < writers; w++) {
                    batches.put(END);
                }
                for (Thread t : threads) {
                    t.join();
                }
            }
            double durableSeconds = (System.nanoTime() - start) / 1e9;
            store.refreshNow();
            double searchableSeconds = (System.nanoTime() - start) / 1e9;
            long cpu = processCpuNanos() - cpuBefore;
            long bytesBeforeMerge = DiskUsage.of(data.resolve("tenants"));
            long mergeStart = System.nanoTime();
            store.compact();
            double mergeSeconds = (System.nanoTime() - mergeStart) / 1e9;
            long bytes = DiskUsage.of(data.resolve("tenants"));
            System.out.printf("%n| measure | value |%n|---|---:|%n");
            System.out.printf("| events (%s%s) | %,d |%n", source.getClass().getSimpleName(),
                    encrypt ? ", encrypted at rest" : "", produced);
            System.out.printf("| events/s until durable | %,.0f |%n", produced / durableSeconds);
            System.out.printf("| events/s until searchable | %,.0f |%n", produced / searchableSeconds);
            System.out.printf("| process CPU µs per event (ingest, flush, background merges) | %.1f |%n", cpu / 1e3 / produced);
            System.out.printf("| bytes on disk per event, as ingested | %.1f |%n", (double) bytesBeforeMerge / produced);
            System.out.printf("| final merge | %.1f s |%n", mergeSeconds);
            System.out.printf("| bytes on disk per event, after the final merge | %.1f |%n", (double) bytes / produced);
            System.out.printf("| writes refused with backpressure (retried) | %,d |%n", throttled.get());
            System.out.printf("| load average at the end (1 min) | %.1f |%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            if (runs > 0) {
                queries(store, source.targets(), end.minus(Duration.ofHours(24)), end.plusSeconds(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.out.println("data in " + data.toAbsolutePath() + " (delete it when done)");
    }

    private void queries(ColumnarLogStore store, QueryTargets t, Instant from, Instant to) {
        long f = LogEvent.toMicros(from);
        long e = LogEvent.toMicros(to);
        System.out.printf("%n| query (partial cache %s) | p50 ms | p99 ms | result |%n|---|---:|---:|---|%n",
                partialCacheBytes > 0 ? partialCacheBytes / (1 << 20) + " MiB" : "off");
        if (!t.traceIds().isEmpty()) {
            time("trace lookup", i -> store.transaction("default", "trace_id", t.traceIds().get(i % t.traceIds().size()),
                    f, e, 10_000), () -> store.transaction("default", "trace_id", t.traceIds().get(0), f, e, 10_000).size()
                    + " events");
        }
        search(store, "needle `" + t.needleWord() + "`, newest 100", t.needleWord(), f, e);
        search(store, "phrase, newest 100", "\"" + t.phrase() + "\"", f, e);
        search(store, "level+service, newest 100", "level:" + t.filterLevel() + " service:" + t.filterService(), f, e);
        aggregate(store, "stats count() by service", "* | stats count() by service", f, e);
        aggregate(store, "timechart 30m count() by level", "* | timechart 30m count() by level", f, e);
        aggregate(store, "p95(" + t.numericField() + ")", "* | stats p95(" + t.numericField() + ")", f, e);
    }

    private void search(ColumnarLogStore store, String name, String lql, long f, long e) {
        Query q = LqlParser.parse(lql);
        SearchRequest r = new SearchRequest("default", q, f, e, 100, null, Duration.ofSeconds(60));
        time(name, i -> store.search(r), () -> store.search(r).events().size() + " events");
    }

    private void aggregate(ColumnarLogStore store, String name, String lql, long f, long e) {
        Query q = LqlParser.parse(lql);
        SearchRequest r = new SearchRequest("default", q, f, e, 10_000, null, Duration.ofSeconds(60));
        time(name, i -> store.aggregate(r), () -> store.aggregate(r).rows().size() + " rows");
    }

    private void time(String name, IntConsumer query, java.util.function.Supplier<String> result) {
        for (int i = 0; i < 3; i++) {
            query.accept(i);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            query.accept(i);
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %s |%n", name, ms[runs / 2], ms[Math.min(runs - 1, (int) (runs * 0.99))],
                result.get());
    }

    private static void write(ColumnarLogStore store, BlockingQueue<List<LogEvent>> batches, AtomicLong throttled,
                              ProgressBar progress) {
        try {
            for (List<LogEvent> b = batches.take(); b != END; b = batches.take()) {
                while (true) {
                    try {
                        store.write("default", b).join();
                        progress.step(b.size());
                        break;
                    } catch (BackpressureException | CompletionException e) {
                        Throwable cause = e instanceof CompletionException ? e.getCause() : e;
                        if (!(cause instanceof BackpressureException bp)) {
                            throw e;
                        }
                        throttled.incrementAndGet();
                        Thread.sleep(Math.max(10, bp.retryAfter().toMillis()));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }
}
