package dev.logline.bench.collectors;

import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.server.collect.syslog.SyslogConfig;
import dev.logline.server.collect.syslog.SyslogStats;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One collector's measurement: a fresh in-process server over a fresh column store in {@code dataDir}, an untimed
 * warm-up, then the timed batches from {@code concurrency} senders; the clock stops when the server's ingest
 * metrics count every event as stored (durably, as an HTTP acknowledgement means; syslog has none, so this is the
 * only fair end for it).
 */
final class CollectorRun {

    private static final long STORE_DEADLINE_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final WireFormat format;
    private final int concurrency;
    private final Path dataDir;

    CollectorRun(WireFormat format, int concurrency, Path dataDir) {
        this.format = format;
        this.concurrency = concurrency;
        this.dataDir = dataDir;
    }

    ThroughputResult measure(EncodedBatches warmup, EncodedBatches timed) throws Exception {
        try (ColumnarLogStore store = ColumnarLogStore.open(ColumnarStoreConfig.defaults(dataDir));
             LoglineServer server = LoglineServer.builder()
                     .config(ServerConfig.defaults().withBindAddress("127.0.0.1").withPort(0))
                     .syslog(SyslogConfig.defaults().withEnabled(format == WireFormat.SYSLOG_TCP)
                             .withBindAddress("127.0.0.1").withPort(0).withUdp(false))
                     .store(store)
                     .build()
                     .start();
             BatchSender sender = format.isHttp()
                     ? new HttpBatchSender(server.port(), format)
                     : new SyslogTcpSender(server.syslog().tcpPort(), concurrency)) {
            sendAll(sender, warmup.bodies());
            awaitStored(server, warmup.events());

            long start = System.nanoTime();
            sendAll(sender, timed.bodies());
            awaitStored(server, warmup.events() + timed.events());
            double seconds = (System.nanoTime() - start) / 1e9;
            return new ThroughputResult(format, timed.events(), seconds, timed.bytes());
        }
    }

    /** Each sender takes the next batch until none is left; the first failure fails the run. */
    private void sendAll(BatchSender sender, List<byte[]> bodies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<Void>> lanes = new ArrayList<>();
            for (int lane = 0; lane < concurrency; lane++) {
                int l = lane;
                lanes.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        sender.send(l, bodies.get(i));
                    }
                    return null;
                }));
            }
            for (Future<Void> lane : lanes) {
                try {
                    lane.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void awaitStored(LoglineServer server, long expected) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + STORE_DEADLINE_NANOS;
        while (true) {
            long stored = server.metrics().collector(format.collector).events();
            if (stored >= expected) {
                return;
            }
            if (server.syslog() != null) {
                SyslogStats stats = server.syslog().stats();
                if (stats.dropped() + stats.oversized() > 0) {
                    throw new IOException("the syslog listener dropped events: " + stats);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(format.cliName + ": only " + stored + " of " + expected + " events stored after 10 minutes");
            }
            Thread.sleep(2);
        }
    }
}
