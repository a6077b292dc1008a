package dev.logline.server.ingest;

import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.server.metrics.IngestMetrics;
import dev.logline.store.LogStore;
import dev.logline.store.RejectedEventsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The one way into the store for every collector: per-event limits, the tenant stamp, the durable write and the
 * ingest metrics. A collector acknowledges its sender only when the returned future completes; when it fails
 * with {@link dev.logline.store.BackpressureException} the collector answers 429 with {@code Retry-After}.
 */
public final class IngestPipeline implements EventSink {

    private final LogStore store;
    private final IngestLimits limits;
    private final IngestMetrics metrics;

    public IngestPipeline(LogStore store, IngestLimits limits, IngestMetrics metrics) {
        this.store = Objects.requireNonNull(store, "store");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    public IngestLimits limits() {
        return limits;
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    /**
     * Stores the events that keep the per-event limits. Events over a limit are dropped and counted as rejected:
     * this entry point has no way to tell the sender which; collectors that can report items should check
     * {@link #violation} themselves and call {@link #storeChecked}.
     */
    @Override
    public CompletableFuture<Void> accept(String tenant, String collector, List<LogEvent> events) {
        long start = System.nanoTime();
        List<LogEvent> kept = new ArrayList<>(events.size());
        for (LogEvent e : events) {
            if (violation(tenant, e, LogEventJson.toJsonBytes(e).length) == null) {
                kept.add(e);
            }
        }
        metrics.rejected(collector, events.size() - kept.size());
        return storeChecked(tenant, collector, kept, start);
    }

    /**
     * Why an event read from {@code eventBytes} bytes cannot be stored for the tenant (a server limit, or the
     * store's own admission rule such as its accepted time window), or {@code null} when it can.
     */
    public String violation(String tenant, LogEvent event, long eventBytes) {
        String why = limits.violation(event, eventBytes, nowMicros());
        return why != null ? why : store.admissionError(tenant, event);
    }

    /**
     * Stores events a collector has already checked against the limits.
     *
     * @param startNanos {@link System#nanoTime()} when the request arrived, for the latency metric
     */
    public CompletableFuture<Void> storeChecked(String tenant, String collector, List<LogEvent> events, long startNanos) {
        Objects.requireNonNull(tenant, "tenant");
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<LogEvent> stamped = new ArrayList<>(events.size());
        for (LogEvent e : events) {
            // The tenant comes from the request, never from the event: a sender cannot write into another tenant.
            stamped.add(tenant.equals(e.tenant()) ? e : e.toBuilder().tenant(tenant).build());
        }
        return write(tenant, stamped).handle((ok, failure) -> {
            Throwable cause = failure == null ? null : dev.logline.server.http.JsonResponse.unwrap(failure);
            if (cause instanceof RejectedEventsException) {
                // Checked just before, so only a clock crossing the store's window edge gets here: write the rest.
                Map<Integer, String> refused = ((RejectedEventsException) cause).reasons();
                List<LogEvent> rest = new ArrayList<>(stamped.size());
                for (int i = 0; i < stamped.size(); i++) {
                    if (!refused.containsKey(i)) {
                        rest.add(stamped.get(i));
                    }
                }
                metrics.rejected(collector, refused.size());
                return write(tenant, rest).thenApply(v -> rest.size());
            }
            return failure == null ? CompletableFuture.completedFuture(stamped.size())
                    : CompletableFuture.<Integer>failedFuture(cause);
        }).thenCompose(f -> f).thenAccept(stored -> metrics.stored(collector, stored, System.nanoTime() - startNanos));
    }

    private CompletableFuture<Void> write(String tenant, List<LogEvent> events) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            return store.write(tenant, events);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static long nowMicros() {
        return LogEvent.toMicros(java.time.Instant.now());
    }
}
