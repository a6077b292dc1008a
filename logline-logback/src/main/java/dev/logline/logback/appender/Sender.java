package dev.logline.logback.appender;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.spi.ContextAware;
import dev.logline.logback.appender.spool.DiskSpool;
import dev.logline.logback.appender.spool.SpoolBatch;
import dev.logline.logback.appender.transport.ApiKeySource;
import dev.logline.logback.appender.transport.SendOutcome;
import dev.logline.logback.appender.transport.Transport;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The appender's one background thread: takes batches (the spool's oldest first, then the queue), encodes the
 * queued events into JSON lines, sends them, retries with backoff (probing a receiver that refuses connections
 * every {@link #PROBE_INTERVAL_NANOS 2 s}, so it resumes as soon as the receiver is back), and on stop delivers
 * the spool and the queue within the deadline and spools the rest.
 *
 * <p>Ordering: a batch in flight is retried until it is delivered or refused, and nothing newer is sent before it;
 * the spool only ever holds events older than the queue's (see {@link EventQueue}), so events arrive in the order
 * each thread logged them. While the receiver is unreachable the batch in flight and the queue are moved to the
 * spool after each failed attempt, so a crash of the application loses at most what was queued since.
 */
final class Sender implements Runnable {

    /** Turns queued events into JSON lines; an event that cannot be encoded is counted, reported and left out. */
    interface Encoding {
        List<byte[]> encode(List<ILoggingEvent> events);
    }

    /**
     * One batch being delivered, in parts once the receiver asked for smaller ones (HTTP 413); {@code source} is set
     * when it came from the spool (commit it once every part is done).
     */
    private static final class Batch {
        final SpoolBatch source;
        /** Parts not yet delivered or dropped, the next to send first. */
        final ArrayDeque<List<byte[]>> parts = new ArrayDeque<>();
        boolean splitReported;

        Batch(List<byte[]> lines, SpoolBatch source) {
            this.source = source;
            parts.add(lines);
        }

        SpoolBatch source() {
            return source;
        }

        /** What is still to be sent, in order. */
        List<byte[]> undelivered() {
            if (parts.size() == 1) {
                return parts.peekFirst();
            }
            List<byte[]> out = new ArrayList<>();
            parts.forEach(out::addAll);
            return out;
        }
    }

    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /**
     * How often a receiver that refuses connections is probed while the sender waits out a backoff step: when it
     * listens again, waiting stops and spooled events go out, whatever the step (up to maxBackoffMs) was.
     */
    static final long PROBE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);

    private final EventQueue<ILoggingEvent> queue;
    private final Encoding encoding;
    private final DiskSpool spool;
    private final Transport transport;
    private final ApiKeySource keys;
    private final AppenderMetrics metrics;
    private final ContextAware status;
    private final String name;
    private final int batchSize;
    private final long lingerNanos;
    private final Duration requestTimeout;
    private final Backoff backoff;
    private final long statusIntervalNanos;

    private volatile boolean stopRequested;
    private volatile long stopDeadline;
    private volatile Thread thread;

    private Batch inFlight;
    private boolean failing;
    /** The receiver refused the key; events are held until a key it accepts is configured. */
    private boolean keyRefused;
    private long nextSummary;
    private String lastSummary = "";

    Sender(String name, EventQueue<ILoggingEvent> queue, Encoding encoding, DiskSpool spool, Transport transport,
           ApiKeySource keys, AppenderMetrics metrics, ContextAware status, int batchSize, Duration linger, Duration requestTimeout, Duration maxBackoff,
           Duration statusInterval) {
        this.name = name;
        this.queue = queue;
        this.encoding = encoding;
        this.spool = spool;
        this.transport = transport;
        this.keys = keys;
        this.metrics = metrics;
        this.status = status;
        this.batchSize = batchSize;
        this.lingerNanos = linger.toNanos();
        this.requestTimeout = requestTimeout;
        this.backoff = new Backoff(Duration.ofMillis(100), maxBackoff);
        this.statusIntervalNanos = statusInterval.toNanos();
    }

    /** Starts the thread. */
    Thread start(String threadName) {
        Thread t = new Thread(this, threadName);
        t.setDaemon(true);
        thread = t;
        nextSummary = System.nanoTime() + statusIntervalNanos;
        t.start();
        return t;
    }

    /**
     * Asks the thread to deliver what is queued within {@code flushTimeout}, spool the rest and end; waits for it.
     *
     * @return whether the thread ended
     */
    boolean stop(Duration flushTimeout) {
        stopDeadline = System.nanoTime() + flushTimeout.toNanos();
        stopRequested = true;
        Thread t = thread;
        if (t == null) {
            return true;
        }
        queue.wakeUp();
        LockSupport.unpark(t);
        // Callers are often interrupted already (Logback's AsyncAppender interrupts its worker, then stops us from
        // it): the flush must still get its time, so the flag is set aside and restored afterwards.
        boolean interrupted = Thread.interrupted();
        try {
            long end = System.nanoTime() + flushTimeout.toNanos() + TimeUnit.SECONDS.toNanos(2);
            interrupted |= joinUntil(t, end);
            if (t.isAlive()) {
                // Stuck in I/O past the bound: interrupt; the thread still spools what it holds on the way out.
                t.interrupt();
                interrupted |= joinUntil(t, System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return !t.isAlive();
    }

    /** Joins until the deadline even when interrupted; returns whether an interrupt was swallowed. */
    private static boolean joinUntil(Thread t, long deadlineNanos) {
        boolean interrupted = false;
        while (t.isAlive()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }

    @Override
    public void run() {
        try {
            while (true) {
                try {
                    loop();
                    return;
                } catch (IOException | RuntimeException e) {
                    // A spool or transport failure must not end shipping: report it, wait, go on.
                    status.addError("LoglineAppender[" + name + "]: sending failed; trying again", e);
                    metrics.error(String.valueOf(e));
                    if (stopRequested) {
                        return;
                    }
                    LockSupport.parkNanos(this, backoff.next().toNanos());
                }
            }
        } catch (Throwable t) {
            status.addError("LoglineAppender[" + name + "]: the sender thread failed; what it holds is spooled", t);
            metrics.error(String.valueOf(t));
        } finally {
            finish();
        }
    }

    private void loop() throws InterruptedException, IOException {
        while (true) {
            if (inFlight == null) {
                if (stopRequested) {
                    inFlight = batchWhileStopping();
                    if (inFlight == null) {
                        return;
                    }
                } else {
                    reportSummaryIfDue();
                    inFlight = nextBatch();
                    if (inFlight == null) {
                        continue;
                    }
                }
            }
            Duration timeout = requestTimeout;
            if (stopRequested) {
                long left = stopDeadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                timeout = Duration.ofNanos(Math.min(left, requestTimeout.toNanos()));
            }
            SendOutcome outcome = transport.send(inFlight.parts.peekFirst(), timeout);
            if (outcome instanceof SendOutcome.Retry retry) {
                if (!retried(retry)) {
                    return;
                }
            } else if (outcome instanceof SendOutcome.Unauthorized denied) {
                if (!awaitedKey(denied)) {
                    return;
                }
            } else {
                finished(outcome);
            }
        }
    }

    /**
     * While stopping, until the deadline: the spool first (its events are older), then the queue, without waiting
     * for more. A failure ends the flush ({@link #retried}); what is left stays in the spool for the next start.
     */
    private Batch batchWhileStopping() throws InterruptedException, IOException {
        if (System.nanoTime() - stopDeadline >= 0) {
            return null;
        }
        if (spool != null && !spool.isEmpty()) {
            SpoolBatch b = spool.read(batchSize);
            if (!b.isEmpty()) {
                return new Batch(b.lines(), b);
            }
        }
        List<byte[]> lines = encoding.encode(queue.takeBatch(batchSize, 0, 0, () -> true, this::spoolEmpty));
        return lines.isEmpty() ? null : new Batch(lines, null);
    }

    private Batch nextBatch() throws InterruptedException, IOException {
        if (spool != null && !spool.isEmpty()) {
            SpoolBatch b = spool.read(batchSize);
            if (!b.isEmpty()) {
                return new Batch(b.lines(), b);
            }
        }
        // Encoding happens here, on this thread: the application's threads only queued the events.
        List<byte[]> lines = encoding.encode(queue.takeBatch(batchSize, lingerNanos, IDLE_NANOS,
                () -> stopRequested, this::spoolEmpty));
        return lines.isEmpty() ? null : new Batch(lines, null);
    }

    private boolean spoolEmpty() {
        return spool == null || spool.isEmpty();
    }

    private void finished(SendOutcome outcome) throws IOException {
        List<byte[]> part = inFlight.parts.pollFirst();
        int size = part.size();
        if (outcome instanceof SendOutcome.Delivered d) {
            metrics.sent(d.accepted());
            if (!d.rejected().isEmpty()) {
                SendOutcome.RejectedLine first = d.rejected().get(0);
                String error = transport.describe() + " rejected " + d.rejected().size() + " of " + size
                        + " events (dropped); first: line " + first.line() + ": " + first.error();
                status.addWarn("LoglineAppender[" + name + "]: " + error);
                metrics.rejected(d.rejected().size(), error);
            }
            if (failing) {
                status.addInfo("LoglineAppender[" + name + "]: delivering to " + transport.describe()
                        + " again after " + backoff.failures() + " failed attempts");
                failing = false;
            }
            if (keyRefused) {
                status.addInfo("LoglineAppender[" + name + "]: " + transport.describe() + " accepts the API key now;"
                        + " delivering the events held back" + (spool != null ? " in " + spool.directory() : ""));
                keyRefused = false;
                metrics.waitingForApiKey(false);
            }
        } else if (outcome instanceof SendOutcome.Refused refused) {
            // A poison batch: sending it again cannot succeed, so it is dropped (once, loudly) instead of looping.
            String error = "batch of " + size + " events refused and dropped: " + refused.reason();
            status.addError("LoglineAppender[" + name + "]: " + error);
            metrics.rejected(size, error);
        } else if (outcome instanceof SendOutcome.TooLarge tooLarge) {
            split(part, tooLarge);
        }
        backoff.reset();
        if (!inFlight.parts.isEmpty()) {
            return;
        }
        if (inFlight.source() != null) {
            spool.commit(inFlight.source());
        }
        inFlight = null;
    }

    /** A part the receiver found too large is sent again in halves; a single event that is too large is dropped. */
    private void split(List<byte[]> part, SendOutcome.TooLarge tooLarge) {
        if (part.size() > 1) {
            int half = part.size() / 2;
            inFlight.parts.addFirst(part.subList(half, part.size()));
            inFlight.parts.addFirst(part.subList(0, half));
            if (!inFlight.splitReported) {
                inFlight.splitReported = true;
                status.addWarn("LoglineAppender[" + name + "]: " + tooLarge.reason() + "; sending the batch of "
                        + part.size() + " events in halves (lower batchSize to avoid this)");
            }
            return;
        }
        String error = "an event of " + part.get(0).length + " bytes is too large and dropped: " + tooLarge.reason();
        status.addError("LoglineAppender[" + name + "]: " + error);
        metrics.rejected(1, error);
    }

    /** Handles a temporary failure; {@code false} when the sender should stop trying (it is stopping). */
    private boolean retried(SendOutcome.Retry retry) throws InterruptedException {
        metrics.failed(retry.reason());
        if (!failing) {
            status.addWarn("LoglineAppender[" + name + "]: " + retry.reason() + "; retrying with backoff"
                    + (spool != null ? ", spooling to " + spool.directory() : ""));
            failing = true;
        }
        if (stopRequested) {
            return false;
        }
        if (spool != null) {
            // The receiver is away: keep the batch and new events on disk rather than in memory only, so a killed
            // process loses no more than the queue (the batch goes in front: it is older than anything spooled).
            spoolBatchInFlight();
            queue.spillAll(this::spillEvents);
        }
        Duration wait = retry.retryAfter() != null ? retry.retryAfter() : backoff.next();
        long until = System.nanoTime() + wait.toNanos();
        long nextProbe = System.nanoTime() + PROBE_INTERVAL_NANOS;
        while (!stopRequested) {
            long now = System.nanoTime();
            long left = until - now;
            if (left <= 0) {
                break;
            }
            if (retry.unreachable() && now - nextProbe >= 0) {
                // Nobody listened: a TCP connect every few seconds tells when the receiver is back, long before a
                // late backoff step (up to maxBackoffMs) would.
                if (transport.reachable(PROBE_TIMEOUT)) {
                    break;
                }
                nextProbe = System.nanoTime() + PROBE_INTERVAL_NANOS;
            }
            LockSupport.parkNanos(this, Math.min(left, IDLE_NANOS));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return true;
    }

    /**
     * The receiver refused the key (401/403). The events are not at fault, so nothing is dropped: the batch and the
     * queue go to the spool (as for an outage), the status says so loudly once, and the batch is tried again after
     * the backoff — at once when the key changes ({@code apiKey} set at run time, {@code apiKeyFile} rewritten).
     * Returns {@code false} when the sender should stop trying (it is stopping).
     */
    private boolean awaitedKey(SendOutcome.Unauthorized denied) throws InterruptedException {
        String refused = keys == null ? null : keys.current();
        metrics.failed(denied.reason());
        metrics.waitingForApiKey(true);
        if (!keyRefused) {
            keyRefused = true;
            status.addError("LoglineAppender[" + name + "]: " + transport.describe() + " refused the API key ("
                    + denied.reason() + "). Nothing is dropped: events are kept "
                    + (spool != null ? "in the spool " + spool.directory() + " (up to spoolMaxBytes)"
                    : "in memory (no spool: up to queueSize, then onFull applies)")
                    + " and sent once a valid key is configured: set <apiKey> or <apiKeyFile> to a key with the ingest"
                    + " role (logline keys create --role ingest --tenant T)");
        }
        if (stopRequested) {
            return false;
        }
        if (spool != null) {
            spoolBatchInFlight();
            queue.spillAll(this::spillEvents);
        }
        long until = System.nanoTime() + backoff.next().toNanos();
        while (!stopRequested && until - System.nanoTime() > 0) {
            if (keys != null && !Objects.equals(keys.current(), refused)) {
                break;
            }
            LockSupport.parkNanos(this, IDLE_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return true;
    }

    /** Moves a batch taken from the queue to the front of the spool; it is then retried from there. */
    private void spoolBatchInFlight() {
        if (inFlight.source() != null) {
            return;
        }
        try {
            List<byte[]> lines = inFlight.undelivered();
            spool.prepend(lines);
            metrics.spooled(lines.size());
            inFlight = null;
        } catch (IOException | RuntimeException e) {
            // Still held in memory and retried from there; only a crash would lose it.
            metrics.error("spool write failed: " + e);
        }
    }

    /** Encodes events and writes them to the spool (called with the queue's take lock held). */
    void spillEvents(List<ILoggingEvent> events) {
        List<byte[]> lines = encoding.encode(events);
        if (!lines.isEmpty()) {
            spill(lines);
        }
    }

    /** Writes lines to the spool (called with the queue's lock held, or from this thread). */
    void spill(List<byte[]> lines) {
        try {
            spool.append(lines);
            metrics.spooled(lines.size());
        } catch (IOException | RuntimeException e) {
            metrics.dropped(lines.size());
            metrics.error("spool write failed: " + e);
            status.addError("LoglineAppender[" + name + "]: could not spool " + lines.size()
                    + " events to " + spool.directory() + "; they are dropped", e);
        }
    }

    /** On the way out: what was not delivered goes to the spool (or is counted as dropped without one). */
    private void finish() {
        // Spool files are written through interruptible channels: clear a stop()'s interrupt first.
        boolean interrupted = Thread.interrupted();
        try {
            if (inFlight != null && inFlight.source() == null) {
                List<byte[]> lines = inFlight.undelivered();
                if (spool != null) {
                    try {
                        // Older than anything spooled meanwhile: it goes in front.
                        spool.prepend(lines);
                        metrics.spooled(lines.size());
                    } catch (IOException | RuntimeException e) {
                        metrics.dropped(lines.size());
                        status.addError("LoglineAppender[" + name + "]: could not spool the batch in flight", e);
                    }
                } else {
                    metrics.dropped(lines.size());
                }
            }
            if (spool != null) {
                queue.spillAll(this::spillEvents);
            } else {
                int lost = queue.spillAll(events -> { });
                metrics.dropped(lost);
            }
            // A batch that came from the spool stays there uncommitted and the next start sends it again — unless
            // the cap dropped its segment meanwhile, the queue's last spill above included: those were the oldest
            // events, so the cap's verdict stands, and the spool did not count them (they were in flight).
            if (inFlight != null && inFlight.source() != null && !spool.holds(inFlight.source())) {
                int lost = inFlight.undelivered().size();
                metrics.dropped(lost);
                status.addWarn("LoglineAppender[" + name + "]: spool over its cap: dropped the oldest "
                        + lost + " events, which were still being retried");
            }
            inFlight = null;
        } finally {
            reportSummary(true);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void reportSummaryIfDue() {
        if (statusIntervalNanos > 0 && System.nanoTime() - nextSummary >= 0) {
            nextSummary = System.nanoTime() + statusIntervalNanos;
            reportSummary(false);
        }
    }

    private void reportSummary(boolean always) {
        String s = metrics.summary();
        if (keyRefused) {
            // Still no key the receiver accepts: say so at every summary, as an error, not once among infos.
            status.addError("LoglineAppender[" + name + "]: still waiting for a valid API key; " + s);
            lastSummary = s;
            return;
        }
        if (always || !s.equals(lastSummary)) {
            lastSummary = s;
            status.addInfo("LoglineAppender[" + name + "]: " + s);
        }
    }
}
