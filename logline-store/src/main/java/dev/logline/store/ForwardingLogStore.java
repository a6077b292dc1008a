package dev.logline.store;

import dev.logline.core.LogEvent;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A store that hands every call to another: a decorator overrides only the calls it watches or changes (a test's
 * recorder of acknowledged writes, a counter of concurrent aggregations) and inherits the rest.
 */
public abstract class ForwardingLogStore implements LogStore {

    private final LogStore delegate;

    protected ForwardingLogStore(LogStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The store the calls go to. */
    protected final LogStore delegate() {
        return delegate;
    }

    @Override
    public CompletableFuture<Void> write(String tenant, List<LogEvent> events) {
        return delegate.write(tenant, events);
    }

    @Override
    public String admissionError(String tenant, LogEvent event) {
        return delegate.admissionError(tenant, event);
    }

    @Override
    public BackpressureException backpressure() {
        return delegate.backpressure();
    }

    @Override
    public SearchResult search(SearchRequest request) {
        return delegate.search(request);
    }

    @Override
    public TableResult aggregate(SearchRequest request) {
        return delegate.aggregate(request);
    }

    @Override
    public List<StoredEvent> transaction(String tenant, String field, String value, long fromMicros, long toMicros,
                                         int limit) {
        return delegate.transaction(tenant, field, value, fromMicros, toMicros, limit);
    }

    @Override
    public List<StoredEvent> around(String tenant, String eventId, int before, int after) {
        return delegate.around(tenant, eventId, before, after);
    }

    @Override
    public List<FieldSummary> fields(SearchRequest request, int topValues) {
        return delegate.fields(request, topValues);
    }

    @Override
    public AutoCloseable subscribe(String tenant, Consumer<List<StoredEvent>> listener) {
        return delegate.subscribe(tenant, listener);
    }

    @Override
    public void applyRetention() {
        delegate.applyRetention();
    }

    @Override
    public StoreStats stats() {
        return delegate.stats();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
