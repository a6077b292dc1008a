package dev.logline.server.collect;

import dev.logline.core.LogEvent;
import dev.logline.store.BackpressureException;
import dev.logline.store.FieldSummary;
import dev.logline.store.LogStore;
import dev.logline.store.SearchRequest;
import dev.logline.store.SearchResult;
import dev.logline.store.StoreStats;
import dev.logline.store.StoredEvent;
import dev.logline.store.TableResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A write-only store for collector tests, behind the server's real ingest pipeline: it records each write, or
 * pushes back (in {@link #backpressure()} and on write, as a store that is behind does) when told to be busy.
 */
public final class RecordingStore implements LogStore {

    /** One write. */
    public record Call(String tenant, List<LogEvent> events) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusals = new AtomicInteger();
    private volatile BackpressureException busy;
    private volatile RuntimeException broken;

    @Override
    public CompletableFuture<Void> write(String tenant, List<LogEvent> events) {
        BackpressureException refusal = busy;
        if (refusal != null) {
            refusals.incrementAndGet();
            return CompletableFuture.failedFuture(refusal);
        }
        if (broken != null) {
            throw broken;
        }
        calls.add(new Call(tenant, List.copyOf(events)));
        // Completes on another thread, as a real write-ahead log's fsync would.
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS));
    }

    @Override
    public BackpressureException backpressure() {
        BackpressureException refusal = busy;
        if (refusal != null) {
            refusals.incrementAndGet();
        }
        return refusal;
    }

    /** From now on every write (and admission) is refused with {@code refusal}. */
    public void beBusy(BackpressureException refusal) {
        busy = refusal;
    }

    /** From now on every write is refused with backpressure asking to retry after {@code retryAfter}. */
    public void beBusy(Duration retryAfter) {
        beBusy(new BackpressureException("index is behind", retryAfter));
    }

    /** From now on every write throws {@code failure}, as a store with a broken disk might. */
    public void breakWith(RuntimeException failure) {
        broken = failure;
    }

    /** Stops pushing back; what was recorded stays. */
    public void beReady() {
        busy = null;
    }

    /** How many writes or admissions were refused. */
    public int refusals() {
        return refusals.get();
    }

    /** Forgets every call and stops pushing back, so one store can serve a whole test class. */
    public void reset() {
        calls.clear();
        refusals.set(0);
        busy = null;
        broken = null;
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

    @Override
    public SearchResult search(SearchRequest request) {
        throw new UnsupportedOperationException("write-only test store");
    }

    @Override
    public TableResult aggregate(SearchRequest request) {
        throw new UnsupportedOperationException("write-only test store");
    }

    @Override
    public List<StoredEvent> transaction(String tenant, String field, String value, long from, long to, int limit) {
        throw new UnsupportedOperationException("write-only test store");
    }

    @Override
    public List<StoredEvent> around(String tenant, String eventId, int before, int after) {
        throw new UnsupportedOperationException("write-only test store");
    }

    @Override
    public List<FieldSummary> fields(SearchRequest request, int topValues) {
        throw new UnsupportedOperationException("write-only test store");
    }

    @Override
    public AutoCloseable subscribe(String tenant, Consumer<List<StoredEvent>> listener) {
        return () -> { };
    }

    @Override
    public void applyRetention() {
    }

    @Override
    public StoreStats stats() {
        throw new UnsupportedOperationException("write-only test store");
    }

    @Override
    public void close() {
    }
}
