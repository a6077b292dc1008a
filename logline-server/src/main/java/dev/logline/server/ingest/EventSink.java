package dev.logline.server.ingest;

import dev.logline.core.LogEvent;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where every collector hands its decoded events: the server's pipeline (limits, redaction, store write, metrics).
 * The future completes once the events are durable; it fails with
 * {@link dev.logline.store.BackpressureException} when the server is behind.
 */
@FunctionalInterface
public interface EventSink {

    /**
     * @param tenant    the tenant the events belong to
     * @param collector the collector's name for metrics ({@code native}, {@code es_bulk}, {@code loki}, {@code otlp}, {@code syslog})
     * @param events    the events, already in the Logline model
     */
    CompletableFuture<Void> accept(String tenant, String collector, List<LogEvent> events);
}
