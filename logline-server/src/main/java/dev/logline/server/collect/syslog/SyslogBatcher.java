package dev.logline.server.collect.syslog;

import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.DecodedItem;
import dev.logline.server.ingest.EventSink;
import dev.logline.server.ingest.IngestFailure;
import dev.logline.server.ingest.IngestOutcome;
import dev.logline.server.ingest.Rejection;
import dev.logline.store.BackpressureException;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Gathers syslog messages into batches for the {@link EventSink}: a batch goes when it is full or has waited
 * {@code linger}.
 *
 * <p>At most {@code maxInFlight} batches await the sink; {@link #add} blocks beyond that, so the reading
 * threads stop reading and TCP flow control slows the senders (UDP datagrams are then dropped by the kernel).
 * Under backpressure a batch is retried after the sink's Retry-After, a few times, before it is counted as
 * dropped: syslog cannot be acknowledged, so this is the most it can do. Messages the sink rejects (over a limit,
 * a time the store does not take) are counted, and described in an event of the server's own stream (service
 * {@value #SELF_SERVICE}), since the sender cannot be told.
 */
final class SyslogBatcher {

    /** The collector name given to the sink. */
    static final String COLLECTOR = "syslog";
    /** The service of the events the listener writes about itself. */
    static final String SELF_SERVICE = "logline";
    private static final int BACKPRESSURE_RETRIES = 5;
    private static final int QUOTED_REASONS = 3;

    private final EventSink sink;
    private final String tenant;
    private final int batchSize;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final ScheduledExecutorService timer;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private DecodedBatch.Builder pending = new DecodedBatch.Builder();

    /** The timer is owned by the caller, who also schedules {@link #flush} on it every linger period. */
    SyslogBatcher(EventSink sink, String tenant, int batchSize, int maxInFlight, ScheduledExecutorService timer) {
        this.sink = sink;
        this.tenant = tenant;
        this.batchSize = batchSize;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.timer = timer;
    }

    /** Adds one event read from {@code bytes} bytes; blocks while the sink is {@code maxInFlight} batches behind. */
    void add(LogEvent event, long bytes) throws InterruptedException {
        DecodedBatch full = null;
        synchronized (this) {
            pending.add(new DecodedItem(pending.size() + 1, event, bytes));
            if (pending.size() >= batchSize) {
                full = takePending();
            }
        }
        if (full != null) {
            send(full);
        }
    }

    /** Counts a message that could not be read or kept, so it is reported with its batch. */
    synchronized void reject(String why) {
        pending.reject(pending.size() + 1, why);
    }

    /** Sends whatever is pending now. */
    void flush() throws InterruptedException {
        DecodedBatch batch;
        synchronized (this) {
            if (pending.size() == 0) {
                return;
            }
            batch = takePending();
        }
        send(batch);
    }

    private DecodedBatch takePending() {
        DecodedBatch batch = pending.build();
        pending = new DecodedBatch.Builder();
        return batch;
    }

    /** Flushes and waits, at most {@code timeoutMillis}, for every batch to be answered. */
    boolean drain(long timeoutMillis) throws InterruptedException {
        flush();
        if (inFlight.tryAcquire(maxInFlight, timeoutMillis, TimeUnit.MILLISECONDS)) {
            inFlight.release(maxInFlight);
            return true;
        }
        return false;
    }

    long stored() {
        return stored.get();
    }

    long rejected() {
        return rejected.get();
    }

    long dropped() {
        return dropped.get();
    }

    private void send(DecodedBatch batch) throws InterruptedException {
        inFlight.acquire();
        attempt(batch, 0, System.nanoTime());
    }

    private void attempt(DecodedBatch batch, int retries, long startNanos) {
        ingest(batch, startNanos).whenComplete((outcome, failure) -> {
            if (failure == null) {
                stored.addAndGet(outcome.accepted());
                rejected.addAndGet(outcome.rejected().size());
                inFlight.release();
                if (!outcome.rejected().isEmpty()) {
                    reportRejections(batch, outcome.rejected());
                }
                return;
            }
            BackpressureException busy = IngestFailure.backpressure(failure);
            if (busy != null && retries < BACKPRESSURE_RETRIES && !timer.isShutdown()) {
                try {
                    // The permit stays taken while waiting, so readers keep pushing back on senders.
                    timer.schedule(() -> attempt(batch, retries + 1, startNanos),
                            IngestFailure.retryAfterSeconds(busy), TimeUnit.SECONDS);
                    return;
                } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                    // fall through: counted as dropped
                }
            }
            dropped.addAndGet(batch.size());
            inFlight.release();
        });
    }

    private CompletableFuture<IngestOutcome> ingest(DecodedBatch batch, long startNanos) {
        return ingest(COLLECTOR, batch, startNanos);
    }

    private CompletableFuture<IngestOutcome> ingest(String collector, DecodedBatch batch, long startNanos) {
        try {
            return sink.ingest(tenant, collector, batch, startNanos);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Writes one event of the server's own stream saying how many messages of a batch were not stored, and why. */
    private void reportRejections(DecodedBatch batch, List<Rejection> rejections) {
        String reasons = rejections.stream().limit(QUOTED_REASONS).map(Rejection::error).collect(Collectors.joining("; "));
        if (rejections.size() > QUOTED_REASONS) {
            reasons += "; and " + (rejections.size() - QUOTED_REASONS) + " more";
        }
        String msg = "syslog listener: " + rejections.size() + " of " + batch.size()
                + " messages were not stored (syslog senders cannot be told): " + reasons;
        LogEvent self = LogEvent.builder()
                .timestamp(Instant.now())
                .level(Level.WARN)
                .service(SELF_SERVICE)
                .logger(SyslogServer.class.getName())
                .msg(msg)
                .attribute("collector", COLLECTOR)
                .attribute("rejected", (long) rejections.size())
                .attribute("received", (long) batch.size())
                .build();
        DecodedBatch report = new DecodedBatch(List.of(new DecodedItem(1, self, msg.length() + 200L)), List.of());
        // Best effort: a report that cannot be stored is not reported again.
        ingest(SELF_SERVICE, report, System.nanoTime());
    }
}
