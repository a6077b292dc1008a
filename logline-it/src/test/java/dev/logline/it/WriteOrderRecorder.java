package dev.logline.it;

import dev.logline.core.LogEvent;
import dev.logline.store.FieldSummary;
import dev.logline.store.LogStore;
import dev.logline.store.SearchRequest;
import dev.logline.store.SearchResult;
import dev.logline.store.StoreStats;
import dev.logline.store.StoredEvent;
import dev.logline.store.TableResult;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The real store, plus a record of every event whose write it acknowledged, in acknowledgement order: the order
 * the server received the appender's requests (the store itself indexes in parallel and reads newest first).
 */
final class WriteOrderRecorder implements LogStore {

    private final LogStore store;
    private final List<LogEvent> acknowledged;

    WriteOrderRecorder(LogStore store, List<LogEvent> acknowledged) {
        this.store = store;
        this.acknowledged = acknowledged;
    }

    @Override
    public CompletableFuture<Void> write(String tenant, List<LogEvent> events) {
        return store.write(tenant, events).whenComplete((ok, failure) -> {
            if (failure == null) {
                acknowledged.addAll(events);
            }
        });
    }

    @Override
    public String admissionError(String tenant, LogEvent event) {
        return store.admissionError(tenant, event);
    }

    @Override
    public SearchResult search(SearchRequest request) {
        return store.search(request);
    }

    @Override
    public TableResult aggregate(SearchRequest request) {
        return store.aggregate(request);
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

    @Override
    public void close() throws IOException {
        store.close();
    }

    /** A list to record into, safe for the server's threads. */
    static List<LogEvent> newRecord() {
        return Collections.synchronizedList(new ArrayList<>());
    }
}
