package dev.logline.server.collect.syslog;

import dev.logline.core.LogEvent;
import dev.logline.server.collect.SinkFailure;
import dev.logline.server.ingest.EventSink;
import dev.logline.store.BackpressureException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gathers syslog events into batches for the {@link EventSink}: a batch goes when it is full or has waited
 * {@code linger}.
 *
 * <p>At most {@code maxInFlight} batches await the sink; {@link #add} blocks beyond that, so the reading
 * threads stop reading and TCP flow control slows the senders (UDP datagrams are then dropped by the kernel).
 * Under backpressure a batch is retried after the sink's Retry-After, a few times, before it is counted as
 * dropped: syslog cannot be acknowledged, so this is the most it can do.
 */
final class SyslogBatcher {

    /** The collector name given to the sink. */
    static final String COLLECTOR = "syslog";
    private static final int BACKPRESSURE_RETRIES = 5;

    private final EventSink sink;
    private final String tenant;
    private final int batchSize;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final ScheduledExecutorService timer;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private List<LogEvent> pending;

    /** The timer is owned by the caller, who also schedules {@link #flush} on it every linger period. */
    SyslogBatcher(EventSink sink, String tenant, int batchSize, int maxInFlight, ScheduledExecutorService timer) {
        this.sink = sink;
        this.tenant = tenant;
        this.batchSize = batchSize;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.timer = timer;
        this.pending = new ArrayList<>(batchSize);
    }

    /** Adds one event; blocks while the sink is {@code maxInFlight} batches behind. */
    void add(LogEvent event) throws InterruptedException {
        List<LogEvent> full = null;
        synchronized (this) {
            pending.add(event);
            if (pending.size() >= batchSize) {
                full = pending;
                pending = new ArrayList<>(batchSize);
            }
        }
        if (full != null) {
            send(full);
        }
    }

    /** Sends whatever is pending now. */
    void flush() throws InterruptedException {
        List<LogEvent> batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            batch = pending;
            pending = new ArrayList<>(batchSize);
        }
        send(batch);
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

    long dropped() {
        return dropped.get();
    }

    private void send(List<LogEvent> batch) throws InterruptedException {
        inFlight.acquire();
        attempt(batch, 0);
    }

    private void attempt(List<LogEvent> batch, int retries) {
        SinkFailure.acceptSafely(sink, tenant, COLLECTOR, batch).whenComplete((ok, failure) -> {
            if (failure == null) {
                stored.addAndGet(batch.size());
                inFlight.release();
                return;
            }
            BackpressureException busy = SinkFailure.backpressure(failure);
            if (busy != null && retries < BACKPRESSURE_RETRIES && !timer.isShutdown()) {
                try {
                    // The permit stays taken while waiting, so readers keep pushing back on senders.
                    timer.schedule(() -> attempt(batch, retries + 1), SinkFailure.retryAfterSeconds(busy), TimeUnit.SECONDS);
                    return;
                } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                    // fall through: counted as dropped
                }
            }
            dropped.addAndGet(batch.size());
            inFlight.release();
        });
    }
}
