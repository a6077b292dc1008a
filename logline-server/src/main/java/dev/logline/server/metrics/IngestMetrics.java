package dev.logline.server.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** Counts of what the collectors took in, per collector, and how long acknowledgement took; thread-safe. */
public final class IngestMetrics {

    /** Upper bounds of the latency histogram buckets, in seconds (Prometheus {@code le}). */
    static final double[] LATENCY_BUCKETS_SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Map<String, CollectorCounts> byCollector = new ConcurrentHashMap<>();

    /** Counters of one collector. */
    public static final class CollectorCounts {
        final LongAdder events = new LongAdder();
        final LongAdder rejected = new LongAdder();
        final LongAdder truncated = new LongAdder();
        final LongAdder bytes = new LongAdder();
        final LongAdder requests = new LongAdder();
        final LongAdder throttled = new LongAdder();
        // Cumulative per bucket index, plus one for +Inf; sum kept in nanoseconds.
        final AtomicLongArray latencyBuckets = new AtomicLongArray(LATENCY_BUCKETS_SECONDS.length + 1);
        final LongAdder latencySumNanos = new LongAdder();
        final LongAdder latencyCount = new LongAdder();

        public long events() {
            return events.sum();
        }

        public long rejected() {
            return rejected.sum();
        }

        public long truncated() {
            return truncated.sum();
        }

        public long throttled() {
            return throttled.sum();
        }

        public long requests() {
            return requests.sum();
        }

        public long bytes() {
            return bytes.sum();
        }
    }

    private CollectorCounts of(String collector) {
        return byCollector.computeIfAbsent(collector, c -> new CollectorCounts());
    }

    /** A request arrived carrying {@code bytes} body bytes (as sent, before decompression). */
    public void request(String collector, long bytes) {
        CollectorCounts c = of(collector);
        c.requests.increment();
        c.bytes.add(bytes);
    }

    /** Events were stored and acknowledged after {@code nanos} from the request's arrival. */
    public void stored(String collector, int events, long nanos) {
        CollectorCounts c = of(collector);
        c.events.add(events);
        c.latencyCount.increment();
        c.latencySumNanos.add(nanos);
        double seconds = nanos / 1e9;
        int i = 0;
        while (i < LATENCY_BUCKETS_SECONDS.length && seconds > LATENCY_BUCKETS_SECONDS[i]) {
            i++;
        }
        c.latencyBuckets.incrementAndGet(i);
    }

    /** Items were rejected (bad JSON, over a limit). */
    public void rejected(String collector, int items) {
        if (items > 0) {
            of(collector).rejected.add(items);
        }
    }

    /** Events were stored with their text cut to fit the event-size limit. */
    public void truncated(String collector, int items) {
        if (items > 0) {
            of(collector).truncated.add(items);
        }
    }

    /** A request was turned away (429 or 507) because the store is behind or full. */
    public void throttled(String collector) {
        of(collector).throttled.increment();
    }

    /** The counts of one collector (zero counts if it has seen nothing). */
    public CollectorCounts collector(String collector) {
        return of(collector);
    }

    Map<String, CollectorCounts> all() {
        return byCollector;
    }
}
