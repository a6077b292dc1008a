package dev.logline.server.dashboards;

import dev.logline.core.LogEvent;
import dev.logline.store.BackpressureException;
import dev.logline.store.FieldSummary;
import dev.logline.store.LogStore;
import dev.logline.store.SearchRequest;
import dev.logline.store.SearchResult;
import dev.logline.store.StoreStats;
import dev.logline.store.StoredEvent;
import dev.logline.store.TableResult;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A real store seen through a counter of how many aggregations run at the same moment, the most ever, and how many
 * ran in all. The first aggregations wait (up to 10 s) until {@code meet} of them have arrived, so a server that
 * runs that many at once is seen to, whatever the machine's speed.
 */
final class OverlapCountingStore implements LogStore {

    private final LogStore store;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();
    private final AtomicInteger total = new AtomicInteger();

    private final CountDownLatch arrivals;

    OverlapCountingStore(LogStore store, int meet) {
        this.store = store;
        this.arrivals = new CountDownLatch(meet);
    }

    int most() {
        return most.get();
    }

    int total() {
        return total.get();
    }

    @Override
    public TableResult aggregate(SearchRequest request) {
        int now = running.incrementAndGet();
        most.accumulateAndGet(now, Math::max);
        total.incrementAndGet();
        try {
            arrivals.countDown();
            arrivals.await(10, TimeUnit.SECONDS);
            return store.aggregate(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            running.decrementAndGet();
        }
    }

    @Override
    public CompletableFuture<Void> write(String tenant, List<LogEvent> events) {
        return store.write(tenant, events);
    }

    @Override
    public String admissionError(String tenant, LogEvent event) {
        return store.admissionError(tenant, event);
    }

    @Override
    public BackpressureException backpressure() {
        return store.backpressure();
    }

    @Override
    public SearchResult search(SearchRequest request) {
        return store.search(request);
    }

    @Override
    public List<StoredEvent> transaction(String tenant, String field, String value, long fromMicros, long toMicros,
                                         int limit) {
        return store.transaction(tenant, field, value, fromMicros, toMicros, limit);
    }

    @Override
    public List<StoredEvent> around(String tenant, String eventId, int before, int after) {
        return store.around(tenant, eventId, before, after);
    }

    @Override
    public List<FieldSummary> fields(SearchRequest request, int topValues) {
        return store.fields(request, topValues);
    }

    @Override
    public AutoCloseable subscribe(String tenant, Consumer<List<StoredEvent>> listener) {
        return store.subscribe(tenant, listener);
    }

    @Override
    public void applyRetention() {
        store.applyRetention();
    }

    @Override
    public StoreStats stats() {
        return store.stats();
    }

    /** The real store is its opener's to close. */
    @Override
    public void close() {
    }
}
