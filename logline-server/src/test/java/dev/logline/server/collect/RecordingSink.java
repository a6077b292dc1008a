package dev.logline.server.collect;

import dev.logline.core.LogEvent;
import dev.logline.server.ingest.EventSink;
import dev.logline.store.BackpressureException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** An event sink for collector tests: records what it is given, or pushes back when told to be busy. */
public final class RecordingSink implements EventSink {

    /** One call to the sink. */
    public record Call(String tenant, String collector, List<LogEvent> events) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Duration busyFor;

    @Override
    public CompletableFuture<Void> accept(String tenant, String collector, List<LogEvent> events) {
        if (busyFor != null) {
            refusals.incrementAndGet();
            return CompletableFuture.failedFuture(new BackpressureException("index is behind", busyFor));
        }
        calls.add(new Call(tenant, collector, List.copyOf(events)));
        // Completes on another thread, as a real write-ahead log's fsync would.
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS));
    }

    /** From now on every call fails with backpressure asking to retry after {@code retryAfter}. */
    public void beBusy(Duration retryAfter) {
        busyFor = retryAfter;
    }

    /** Stops pushing back; what was recorded stays. */
    public void beReady() {
        busyFor = null;
    }

    /** How many calls were refused with backpressure. */
    public int refusals() {
        return refusals.get();
    }

    /** Forgets every call and stops pushing back, so one sink can serve a whole test class. */
    public void reset() {
        calls.clear();
        refusals.set(0);
        busyFor = null;
    }

    public List<Call> calls() {
        return calls;
    }

    /** Every event recorded, in arrival order. */
    public List<LogEvent> events() {
        List<LogEvent> all = new ArrayList<>();
        calls.forEach(c -> all.addAll(c.events()));
        return all;
    }

    /** Waits (bounded) until at least {@code count} events arrived; returns them. */
    public List<LogEvent> awaitEvents(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return events();
    }
}
