package dev.logline.ml.inference;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One version of a model being served ({@link InferenceLog#version}): where its predictions are recorded. Keep the
 * instance; both calls are safe from any number of threads.
 */
public final class ServedVersion {

    private final InferenceLog owner;
    private final String version;
    private final AtomicReference<LatencyWindow> window;

    ServedVersion(InferenceLog owner, String version, long nowMillis) {
        this.owner = owner;
        this.version = version;
        this.window = new AtomicReference<>(new LatencyWindow(nowMillis));
    }

    public String version() {
        return version;
    }

    /**
     * Records a prediction that answered: its latency (nanoseconds, e.g. a {@code System.nanoTime()} difference),
     * a summary of its input, the predicted class ({@code null} for a regression) and score.
     */
    public void success(long latencyNanos, InputSummary input, String label, double score) {
        record(latencyNanos, input, label, score, null);
    }

    /** Records a prediction that failed with {@code error} after {@code latencyNanos}. */
    public void failure(long latencyNanos, InputSummary input, Throwable error) {
        record(latencyNanos, input, null, Double.NaN, error);
    }

    private void record(long latencyNanos, InputSummary input, String label, double score, Throwable error) {
        // Microsecond resolution, as LogTrace writes durations.
        double ms = Math.max(0, latencyNanos) / 1_000 / 1_000.0;
        boolean failed = error != null;
        boolean logged = owner.sampled(failed);
        while (!window.get().record(ms, failed, logged)) {
            // The window was closed between get and record; the next one is already in place.
            Thread.onSpinWait();
        }
        if (logged) {
            owner.logPrediction(version, ms, input, label, score, error);
        }
    }

    /** Closes the current window (starting the next at {@code nowMillis}) and returns its summary, if any. */
    InferenceSummary roll(long nowMillis) {
        LatencyWindow closed = window.getAndSet(new LatencyWindow(nowMillis));
        return closed.close(owner.model, version, nowMillis);
    }
}
