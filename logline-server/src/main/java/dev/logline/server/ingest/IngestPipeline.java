package dev.logline.server.ingest;

import dev.logline.core.LogEvent;
import dev.logline.server.metrics.IngestMetrics;
import dev.logline.store.BackpressureException;
import dev.logline.store.LogStore;
import dev.logline.store.RejectedEventsException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link EventSink} of the server, the one path every collector's events take: admission, per-event limits
 * (oversized events truncated or rejected, then fields, depth, key length, time), the store's own admission rule,
 * redaction, the tenant stamp, the durable write, and the metrics. Its outcome accounts for every item.
 */
public final class IngestPipeline implements EventSink {

    private final LogStore store;
    private final IngestLimits limits;
    private final IngestMetrics metrics;
    private final EventRedactor redactor;

    public IngestPipeline(LogStore store, IngestLimits limits, IngestMetrics metrics) {
        this(store, limits, metrics, EventRedactor.NONE);
    }

    public IngestPipeline(LogStore store, IngestLimits limits, IngestMetrics metrics, EventRedactor redactor) {
        this.store = Objects.requireNonNull(store, "store");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    @Override
    public IngestLimits limits() {
        return limits;
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    @Override
    public RuntimeException admit(String collector, long declaredBytes) {
        RuntimeException refusal;
        try {
            refusal = store.backpressure();
        } catch (RuntimeException e) {
            refusal = e; // a store that cannot even say whether it takes writes does not take this one
        }
        if (refusal == null && declaredBytes > limits.maxRequestBytes()) {
            refusal = new RequestTooLargeException(limits.maxRequestBytes());
        }
        if (refusal instanceof BackpressureException) {
            metrics.throttled(collector);
        }
        return refusal;
    }

    @Override
    public void received(String collector, long bytes) {
        metrics.request(collector, bytes);
    }

    @Override
    public CompletableFuture<IngestOutcome> ingest(String tenant, String collector, DecodedBatch batch, long startNanos) {
        Objects.requireNonNull(tenant, "tenant");
        long now = LogEvent.toMicros(Instant.now());
        List<Rejection> rejected = new ArrayList<>(batch.rejected());
        List<Integer> truncated = new ArrayList<>();
        List<LogEvent> events = new ArrayList<>(batch.items().size());
        List<Integer> items = new ArrayList<>(batch.items().size());
        for (DecodedItem item : batch.items()) {
            LogEvent e = item.event();
            long bytes = item.bytes();
            if (bytes > limits.maxEventBytes()) {
                LogEvent cut = limits.oversized() == OversizedEvents.TRUNCATE
                        ? EventTruncator.fit(e, bytes, limits.maxEventBytes()) : null;
                if (cut == null) {
                    rejected.add(new Rejection(item.item(), oversized(bytes)));
                    continue;
                }
                e = cut;
                bytes = limits.maxEventBytes();
            }
            String why = limits.violation(e, bytes, now);
            if (why == null) {
                why = store.admissionError(tenant, e);
            }
            if (why != null) {
                rejected.add(new Rejection(item.item(), why));
                continue;
            }
            if (e != item.event()) {
                truncated.add(item.item());
            }
            e = redactor.redact(tenant, e);
            // The tenant comes from the request, never from the event: a sender cannot write into another tenant.
            events.add(e.withTenant(tenant));
            items.add(item.item());
        }
        return write(tenant, events, items, rejected).handle((stored, failure) -> {
            if (failure != null) {
                if (IngestFailure.backpressure(failure) != null) {
                    metrics.throttled(collector);
                }
                throw new java.util.concurrent.CompletionException(IngestFailure.unwrap(failure));
            }
            IngestOutcome outcome = new IngestOutcome(stored, stored == events.size() ? truncated
                    : truncated.stream().filter(i -> !isRejected(rejected, i)).toList(), rejected);
            metrics.rejected(collector, outcome.rejected().size());
            metrics.truncated(collector, outcome.truncated().size());
            metrics.stored(collector, stored, System.nanoTime() - startNanos);
            return outcome;
        });
    }

    private String oversized(long bytes) {
        String why = limits.sizeViolation(bytes);
        return limits.oversized() == OversizedEvents.TRUNCATE
                ? why + " (it stays over the limit even with its text cut: its size is in its fields)" : why;
    }

    private static boolean isRejected(List<Rejection> rejected, int item) {
        return rejected.stream().anyMatch(r -> r.item() == item);
    }

    /**
     * Writes the events; when the store refuses some of them ({@link RejectedEventsException}, only when a clock
     * crosses its window edge between the check and the write) they join {@code rejected} and the rest is written.
     * Completes with the number of events stored.
     */
    private CompletableFuture<Integer> write(String tenant, List<LogEvent> events, List<Integer> items,
                                             List<Rejection> rejected) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        return writeAll(tenant, events).handle((ok, failure) -> {
            Throwable cause = failure == null ? null : IngestFailure.unwrap(failure);
            if (cause instanceof RejectedEventsException refused) {
                Map<Integer, String> reasons = refused.reasons();
                List<LogEvent> rest = new ArrayList<>(events.size());
                for (int i = 0; i < events.size(); i++) {
                    String why = reasons.get(i);
                    if (why != null) {
                        rejected.add(new Rejection(items.get(i), why));
                    } else {
                        rest.add(events.get(i));
                    }
                }
                return writeAll(tenant, rest).thenApply(v -> rest.size());
            }
            return failure == null ? CompletableFuture.completedFuture(events.size())
                    : CompletableFuture.<Integer>failedFuture(cause);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<Void> writeAll(String tenant, List<LogEvent> events) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            return store.write(tenant, events);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
