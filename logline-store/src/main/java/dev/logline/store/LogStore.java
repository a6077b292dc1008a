package dev.logline.store;

import dev.logline.core.LogEvent;

import java.io.Closeable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Where events live: written durably, searched, aggregated, reassembled into transactions and tailed.
 * Every implementation passes the contract suite in this module's test-jar ({@code LogStoreContract}).
 *
 * <p>Implementations are thread-safe. Every read names its tenant; a tenant never sees another's events.
 */
public interface LogStore extends Closeable {

    /**
     * Stores a batch. The future completes once every event is durable (it survives a crash of the process),
     * and fails with {@link BackpressureException} when the store is too far behind to take more now, or with
     * {@link RejectedEventsException} (nothing written) when some event is not acceptable; see
     * {@link #admissionError} to check events one by one first.
     */
    CompletableFuture<Void> write(String tenant, List<LogEvent> events);

    /**
     * Why this store would refuse the event (for example, its time is outside the accepted window), or
     * {@code null} when it takes it. Lets a caller reject single items and write the rest of a batch.
     */
    default String admissionError(String tenant, LogEvent event) {
        return null;
    }

    /**
     * Why a write arriving now would be refused as a whole (the store is behind, or its disk is full), or
     * {@code null} when it takes writes. Cheap enough to call per request: collectors ask it before they read and
     * decompress a body, so an overloaded store costs a refused sender nothing but the headers.
     */
    default BackpressureException backpressure() {
        return null;
    }

    /** Events matching a filter-only query, newest first, one page at a time. */
    SearchResult search(SearchRequest request);

    /** The table a query ending in {@code stats} or {@code timechart} produces. */
    TableResult aggregate(SearchRequest request);

    /** All events whose {@code field} equals {@code value} (trace_id or any correlation field), oldest first. */
    List<StoredEvent> transaction(String tenant, String field, String value, long fromMicros, long toMicros, int limit);

    /**
     * The {@code before} events preceding and {@code after} events following one event on the same service and host,
     * oldest first, with the event itself between them; empty when the id names no stored event.
     */
    List<StoredEvent> around(String tenant, String eventId, int before, int after);

    /** Top values of fields among the events matching a request (for facets). */
    List<FieldSummary> fields(SearchRequest request, int topValues);

    /**
     * Calls the listener with each batch of events of this tenant as it becomes searchable, on a store thread;
     * the listener must not block. Closing the returned handle stops delivery.
     */
    AutoCloseable subscribe(String tenant, Consumer<List<StoredEvent>> listener);

    /** Applies retention now: drops what the configured policy no longer keeps. */
    void applyRetention();

    /** Counts that describe the store, for /metrics and the UI. */
    StoreStats stats();
}
