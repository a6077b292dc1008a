package dev.logline.bench.load;

import java.util.Arrays;

/** Latencies of repeated runs of one query, and their percentiles (nearest-rank). */
final class Latencies {

    private final long[] nanos;
    private int count;

    Latencies(int capacity) {
        nanos = new long[capacity];
    }

    void add(long elapsedNanos) {
        nanos[count++] = elapsedNanos;
    }

    int count() {
        return count;
    }

    /** The nearest-rank percentile {@code p} (0 < p ≤ 100) in milliseconds. */
    double percentileMillis(double p) {
        if (count == 0) {
            throw new IllegalStateException("no latencies recorded");
        }
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
