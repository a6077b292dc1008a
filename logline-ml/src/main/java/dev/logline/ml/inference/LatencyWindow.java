package dev.logline.ml.inference;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;

/**
 * One model version's predictions over one summary interval: counts exact, latency percentiles from a DDSketch
 * within {@link #RELATIVE_ACCURACY} of the true value, nearest-rank as LQL's {@code pN} defines them (so a summary
 * agrees with {@code stats p95(latency_ms)} over the same predictions). Recording locks the window briefly; a
 * window is read once, after {@link #close()}, and refuses records from then on.
 */
final class LatencyWindow {

    /** The sketch's relative accuracy, the same as the server's percentile sketch. */
    static final double RELATIVE_ACCURACY = 0.005;

    final long startMillis;
    private final DDSketch sketch = DDSketches.unboundedDense(RELATIVE_ACCURACY);
    private long count;
    private long errors;
    private long sampled;
    private double sumMs;
    private double maxMs;
    private boolean closed;

    LatencyWindow(long startMillis) {
        this.startMillis = startMillis;
    }

    /** Adds one prediction; {@code false} when the window was closed meanwhile (record into the next one). */
    synchronized boolean record(double latencyMs, boolean error, boolean logged) {
        if (closed) {
            return false;
        }
        sketch.accept(latencyMs);
        count++;
        sumMs += latencyMs;
        maxMs = Math.max(maxMs, latencyMs);
        if (error) {
            errors++;
        }
        if (logged) {
            sampled++;
        }
        return true;
    }

    /** Closes the window and reads it; {@code null} when it saw no prediction. */
    synchronized InferenceSummary close(String model, String version, long endMillis) {
        closed = true;
        if (count == 0) {
            return null;
        }
        return new InferenceSummary(model, version, startMillis, endMillis, count, errors, sampled,
                percentile(50), percentile(95), percentile(99), round(sumMs / count), maxMs);
    }

    /** The nearest-rank percentile: the value at 0-based rank ceil(p/100 · n) − 1. */
    private double percentile(int p) {
        long rank = Math.max(0, (long) Math.ceil(p / 100.0 * count) - 1);
        // DDSketch answers the first bin whose cumulative count exceeds q·(n−1); aim at the middle of rank's slot.
        double q = count == 1 ? 0 : Math.min(1.0, (rank + 0.5) / (count - 1));
        return round(sketch.getValueAtQuantile(q));
    }

    private static double round(double ms) {
        return Math.round(ms * 1_000.0) / 1_000.0;
    }
}
