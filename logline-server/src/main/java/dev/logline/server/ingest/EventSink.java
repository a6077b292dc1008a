package dev.logline.server.ingest;

import java.util.concurrent.CompletableFuture;

/**
 * The one contract between every collector and the store, whatever the transport (HTTP, gRPC, syslog sockets, a
 * Kafka consumer): ask {@link #admit} before reading a body, read and decode it within {@link #limits()} off any
 * event loop, hand the {@link DecodedBatch} to {@link #ingest}, and tell the sender the {@link IngestOutcome} item by
 * item in the protocol's own terms. The sink normalises limits (truncating or rejecting oversized events), redacts,
 * writes durably and counts; it never drops an event while the outcome says it was kept.
 */
public interface EventSink {

    /** What one request and one event may hold. */
    IngestLimits limits();

    /**
     * Why a request must be refused before its body is read, or {@code null} when it may be read: the store is
     * behind or full ({@link dev.logline.store.BackpressureException},
     * {@link dev.logline.store.StoreFullException}), or the body it announces is over the request cap
     * ({@link RequestTooLargeException}). A refusal is counted.
     *
     * @param collector     the collector's name for metrics ({@code native}, {@code es_bulk}, {@code loki}, {@code otlp}, {@code syslog})
     * @param declaredBytes the body size the request announces (Content-Length), or -1 when unknown
     */
    RuntimeException admit(String collector, long declaredBytes);

    /** Counts a request body of {@code bytes} (as sent, before decompression) that is about to be decoded. */
    void received(String collector, long bytes);

    /**
     * Checks, truncates, redacts and durably stores the readable items of a batch. The future completes once every
     * accepted event is durable, with the outcome of every item; it fails with
     * {@link dev.logline.store.BackpressureException} (nothing stored, send again later) or the store's error.
     *
     * @param startNanos {@link System#nanoTime()} when the request arrived, for the latency metric
     */
    CompletableFuture<IngestOutcome> ingest(String tenant, String collector, DecodedBatch batch, long startNanos);
}
