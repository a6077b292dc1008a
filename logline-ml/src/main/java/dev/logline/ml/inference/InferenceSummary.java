package dev.logline.ml.inference;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One model version's predictions over one interval, as logged in an {@code inference_summary} event.
 *
 * @param startMillis first instant of the interval (epoch ms)
 * @param endMillis   end of the interval, exclusive
 * @param sampled     how many of the predictions were logged one by one
 * @param p50Ms       nearest-rank latency percentiles, within 0.5 % of the true value
 */
public record InferenceSummary(String model, String version, long startMillis, long endMillis, long count,
                               long errors, long sampled, double p50Ms, double p95Ms, double p99Ms, double meanMs,
                               double maxMs) {

    /** Errors over predictions. */
    public double errorRate() {
        return count == 0 ? 0 : (double) errors / count;
    }

    /** The event's attributes (docs/ML.md). */
    Map<String, Object> toAttributes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(InferenceLog.MODEL, model);
        m.put(InferenceLog.MODEL_VERSION, version);
        m.put("window_start", Instant.ofEpochMilli(startMillis).toString());
        m.put("window_s", Math.round((endMillis - startMillis) / 100.0) / 10.0);
        m.put("count", count);
        m.put("errors", errors);
        m.put("error_rate", Math.round(errorRate() * 1e6) / 1e6);
        m.put("sampled", sampled);
        m.put("latency_p50_ms", p50Ms);
        m.put("latency_p95_ms", p95Ms);
        m.put("latency_p99_ms", p99Ms);
        m.put("latency_mean_ms", meanMs);
        m.put("latency_max_ms", maxMs);
        return m;
    }
}
