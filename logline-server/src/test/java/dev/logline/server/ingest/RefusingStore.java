package dev.logline.server.ingest;

import dev.logline.core.LogEvent;
import dev.logline.store.BackpressureException;
import dev.logline.store.FieldSummary;
import dev.logline.store.LogStore;
import dev.logline.store.SearchRequest;
import dev.logline.store.SearchResult;
import dev.logline.store.StoreStats;
import dev.logline.store.StoredEvent;
import dev.logline.store.TableResult;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A real store that can be made to refuse writes as the SPI says a store that is behind or full does: in
 * {@link #backpressure()} (admission, before a body is read) and on write. It counts the writes that reach it.
 */
final class RefusingStore implements LogStore {

    private final LogStore real;
    private volatile BackpressureException refusal;
    private volatile BackpressureException writeRefusal;
    private final java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();

    RefusingStore(LogStore real) {
        this.real = real;
    }

    /** Refuses with {@code refusal} from now on, at admission and on write; {@code null} takes writes again. */
    void refuse(BackpressureException refusal) {
        this.refusal = refusal;
        this.writeRefusal = refusal;
    }

    /** Admits every request but refuses its write: the store fell behind while the body was being decoded. */
    void refuseWrites(BackpressureException refusal) {
        this.refusal = null;
        this.writeRefusal = refusal;
    }

    /** Writes that reached the store, refused or not. */
    int writes() {
        return writes.get();
    }

    @Override
    public CompletableFuture<Void> write(String tenant, List<LogEvent> events) {
        writes.incrementAndGet();
        BackpressureException r = writeRefusal;
        return r != null ? CompletableFuture.failedFuture(r) : real.write(tenant, events);
    }

    @Override
    public BackpressureException backpressure() {
        return refusal;
    }

    @Override public String admissionError(String t, LogEvent e) { return real.admissionError(t, e); }
    @Override public SearchResult search(SearchRequest r) { return real.search(r); }
    @Override public TableResult aggregate(SearchRequest r) { return real.aggregate(r); }
    @Override public List<StoredEvent> transaction(String t, String f, String v, long a, long b, int l) { return real.transaction(t, f, v, a, b, l); }
    @Override public List<StoredEvent> around(String t, String id, int b, int a) { return real.around(t, id, b, a); }
    @Override public List<FieldSummary> fields(SearchRequest r, int top) { return real.fields(r, top); }
    @Override public AutoCloseable subscribe(String t, Consumer<List<StoredEvent>> l) { return real.subscribe(t, l); }
    @Override public void applyRetention() { real.applyRetention(); }
    @Override public StoreStats stats() { return real.stats(); }
    @Override public void close() throws IOException { real.close(); }
}
