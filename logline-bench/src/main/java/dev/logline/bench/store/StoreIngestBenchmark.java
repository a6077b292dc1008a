package dev.logline.bench.store;

import dev.logline.bench.data.EventSource;
import dev.logline.bench.data.SourceKind;
import dev.logline.bench.load.DiskUsage;
import dev.logline.cli.progress.ProgressBar;
import dev.logline.core.LogEvent;
import dev.logline.store.BackpressureException;
import dev.logline.store.lucene.LuceneLogStore;
import dev.logline.store.lucene.LuceneStoreConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded store alone, without HTTP: events written per second until durable (the write futures complete),
 * until searchable, and bytes on disk per event after the final commit — for generated or corpus-shaped events.
 */
@Command(name = "logline bench store", mixinStandardHelpOptions = true,
        description = "Writes events straight into a LuceneLogStore and reports events/s and bytes on disk per event.")
public final class StoreIngestBenchmark implements Runnable {

    private static final List<LogEvent> END = List.of();

    @Option(names = "--events", defaultValue = "1000000", description = "Events to write. Default: ${DEFAULT-VALUE}")
    long events;

    @Option(names = "--full", description = "Full mode: 10,000,000 events (overrides --events).")
    boolean full;

    @Option(names = "--source", defaultValue = "corpora",
            description = "generated or corpora (the shared loghub + TrainTicket samples replayed to volume). Default: ${DEFAULT-VALUE}")
    SourceKind source;

    @Option(names = "--batch", defaultValue = "1000", description = "Events per write. Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--writers", defaultValue = "4", description = "Threads writing concurrently. Default: ${DEFAULT-VALUE}")
    int writers;

    @Option(names = "--dir", description = "Data folder (default: a new folder under target/).")
    Path dir;

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
        AtomicLong written = new AtomicLong();
        AtomicLong throttled = new AtomicLong();
        long cpuBefore = processCpuNanos();
        try (LuceneLogStore store = LuceneLogStore.open(LuceneStoreConfig.defaults(data).withRetentionDays(0))) {
            long start = System.nanoTime();
            long produced = 0;
            // Progress on stderr, so the table on stdout can be piped on its own.
            try (ProgressBar progress = ProgressBar.counting("store ingest", total, "events",
                    new PrintWriter(System.err, true))) {
                List<Thread> threads = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    Thread t = new Thread(() -> write(store, batches, written, throttled, progress), "writer-" + w);
                    t.start();
                    threads.add(t);
                }
                while (source.hasNext()) {
                    List<LogEvent> b = new ArrayList<>(batch);
                    while (b.size() < batch && source.hasNext()) {
                        b.add(source.next());
                    }
                    produced += b.size();
                    put(batches, b);
                }
                for (int w = 0; w < writers; w++) {
                    put(batches, END);
                }
                for (Thread t : threads) {
                    t.join();
                }
            }
            double durableSeconds = (System.nanoTime() - start) / 1e9;
            store.refreshNow();
            double searchableSeconds = (System.nanoTime() - start) / 1e9;
            store.checkpoint();
            long cpu = processCpuNanos() - cpuBefore;
            long bytes = DiskUsage.of(data.resolve("tenants"));
            long walBytes = DiskUsage.of(data.resolve("wal"));
            System.out.printf("%n| measure | value |%n|---|---:|%n");
            System.out.printf("| events (%s) | %,d |%n", source.getClass().getSimpleName(), produced);
            System.out.printf("| events/s until durable | %,.0f |%n", produced / durableSeconds);
            System.out.printf("| events/s until searchable | %,.0f |%n", produced / searchableSeconds);
            System.out.printf("| bytes on disk per event (partitions, after commit) | %.1f |%n", (double) bytes / produced);
            System.out.printf("| WAL bytes left after commit | %,d |%n", walBytes);
            System.out.printf("| process CPU µs per event | %.1f |%n", cpu / 1e3 / produced);
            System.out.printf("| writes refused with backpressure (retried) | %,d |%n", throttled.get());
            System.out.printf("| load average at the end (1 min) | %.1f |%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.out.println("data in " + data.toAbsolutePath() + " (delete it when done)");
    }

    private static void write(LuceneLogStore store, BlockingQueue<List<LogEvent>> batches, AtomicLong written,
                              AtomicLong throttled, ProgressBar progress) {
        try {
            for (List<LogEvent> b = batches.take(); b != END; b = batches.take()) {
                while (true) {
                    try {
                        store.write("default", b).join();
                        written.addAndGet(b.size());
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

    private static void put(BlockingQueue<List<LogEvent>> q, List<LogEvent> b) throws InterruptedException {
        q.put(b);
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }
}
