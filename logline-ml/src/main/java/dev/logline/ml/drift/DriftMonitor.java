package dev.logline.ml.drift;

import dev.logline.ml.DaemonScheduler;
import dev.logline.ml.MlEvent;
import org.slf4j.Logger;
import org.slf4j.spi.LoggingEventBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Watches a model's live inputs against a {@link DriftBaseline}: {@link #observe} keeps the latest values of each
 * baseline feature in a sliding window; {@link #check()} — on a schedule, or when called — compares each window
 * with its baseline (PSI, and KS for numeric features) and logs one {@code drift_check} event (INFO, every
 * feature's statistics) plus one {@code drift} event (WARN) per feature over a threshold. An alert rule on
 * {@code ml_event:drift} turns them into notifications.
 *
 * <pre>{@code
 * DriftMonitor drift = DriftMonitor.builder(log, DriftBaseline.read(modelDir.resolve("baseline.json")))
 *         .model("fraud-lr", "2026.12.1").window(1000).every(Duration.ofMinutes(1)).build();
 * drift.observe(Map.of("amount", 42.0, "sku", "SKU-MUG-01"));   // per prediction, cheap
 * }</pre>
 *
 * <p>Features the baseline does not know are ignored; a window with fewer than {@link Builder#minWindow} values is
 * not judged (small samples make PSI noisy). Thread-safe.
 */
public final class DriftMonitor implements AutoCloseable {

    private final Logger log;
    private final DriftBaseline baseline;
    private final String model;
    private final String version;
    private final int minWindow;
    private final DriftThresholds thresholds;
    private final LongSupplier clock;
    private final Map<String, FeatureWindow> windows = new LinkedHashMap<>();
    private final long[] times;
    private int nextTime;
    private int timeCount;
    private final ScheduledExecutorService scheduler;

    private DriftMonitor(Builder b) {
        this.log = b.log;
        this.baseline = b.baseline;
        this.model = b.model;
        this.version = b.version;
        this.minWindow = b.minWindow;
        this.thresholds = b.thresholds;
        this.clock = b.clock;
        this.times = new long[b.window];
        for (FeatureBaseline f : baseline.features().values()) {
            windows.put(f.feature(), f instanceof NumericBaseline ? FeatureWindow.numeric(b.window)
                    : FeatureWindow.categorical(b.window));
        }
        long every = b.every.toMillis();
        if (every > 0) {
            scheduler = DaemonScheduler.named("logline-drift-" + (model == null ? baseline.name() : model));
            scheduler.scheduleWithFixedDelay(this::checkQuietly, every, every, TimeUnit.MILLISECONDS);
        } else {
            scheduler = null;
        }
    }

    /** A monitor of the features of {@code baseline}, logging to {@code log}. */
    public static Builder builder(Logger log, DriftBaseline baseline) {
        return new Builder(log, baseline);
    }

    /** Adds one input's feature values to the windows (numbers for numeric features, anything else by its text). */
    public void observe(Map<String, ?> features) {
        for (Map.Entry<String, FeatureWindow> w : windows.entrySet()) {
            Object v = features.get(w.getKey());
            if (v == null) {
                continue;
            }
            FeatureWindow window = w.getValue();
            if (window.isNumeric()) {
                if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
                    window.add(n.doubleValue());
                }
            } else {
                window.add(String.valueOf(v));
            }
        }
        synchronized (times) {
            times[nextTime] = clock.getAsLong();
            nextTime = (nextTime + 1) % times.length;
            timeCount = Math.min(timeCount + 1, times.length);
        }
    }

    /**
     * Compares every window holding at least the minimum with its baseline and logs the results; returns them
     * (empty when no window was large enough).
     */
    public List<FeatureDrift> check() {
        List<FeatureDrift> results = new ArrayList<>();
        for (Map.Entry<String, FeatureWindow> w : windows.entrySet()) {
            if (w.getValue().size() >= minWindow) {
                results.add(baseline.features().get(w.getKey()).compare(w.getValue(), thresholds));
            }
        }
        if (!results.isEmpty()) {
            logResults(results);
        }
        return results;
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: report it and keep watching.
            log.warn("drift check failed: {}", e.toString(), e);
        }
    }

    private void logResults(List<FeatureDrift> results) {
        long[] span = windowSpan();
        String start = Instant.ofEpochMilli(span[0]).toString();
        String end = Instant.ofEpochMilli(span[1]).toString();
        Map<String, Object> psi = new LinkedHashMap<>();
        Map<String, Object> ks = new LinkedHashMap<>();
        List<String> drifted = new ArrayList<>();
        int windowSize = 0;
        for (FeatureDrift r : results) {
            psi.put(r.feature(), round(r.psi()));
            if (!Double.isNaN(r.ks())) {
                ks.put(r.feature(), round(r.ks()));
            }
            if (r.drifted()) {
                drifted.add(r.feature());
            }
            windowSize = Math.max(windowSize, r.windowSize());
        }
        if (log.isInfoEnabled()) {
            LoggingEventBuilder b = common(log.atInfo().setMessage("drift check"), MlEvent.DRIFT_CHECK)
                    .addKeyValue("window_size", windowSize).addKeyValue("window_start", start)
                    .addKeyValue("window_end", end).addKeyValue("psi", psi);
            if (!ks.isEmpty()) {
                b = b.addKeyValue("ks", ks);
            }
            b.addKeyValue("drifted", drifted).log();
        }
        if (!log.isWarnEnabled()) {
            return;
        }
        for (FeatureDrift r : results) {
            if (!r.drifted()) {
                continue;
            }
            LoggingEventBuilder b = common(log.atWarn(), MlEvent.DRIFT)
                    .setMessage("drift detected: " + r.feature() + " (" + r.statistic() + " "
                            + round(r.statistic().equals("psi") ? r.psi() : r.ks()) + ")")
                    .addKeyValue("feature", r.feature()).addKeyValue("statistic", r.statistic())
                    .addKeyValue("psi", round(r.psi())).addKeyValue("psi_threshold", thresholds.psi());
            if (!Double.isNaN(r.ks())) {
                b = b.addKeyValue("ks", round(r.ks())).addKeyValue("ks_threshold", round(r.ksThreshold()));
            }
            b.addKeyValue("window_size", r.windowSize()).addKeyValue("window_start", start)
                    .addKeyValue("window_end", end)
                    .addKeyValue("baseline_count", baseline.features().get(r.feature()).count()).log();
        }
    }

    private LoggingEventBuilder common(LoggingEventBuilder b, MlEvent kind) {
        b = b.addKeyValue(MlEvent.FIELD, kind.value()).addKeyValue("baseline", baseline.name());
        if (model != null) {
            b = b.addKeyValue("model", model);
        }
        if (version != null) {
            b = b.addKeyValue("model_version", version);
        }
        return b;
    }

    /** Oldest and newest observation time in the window (epoch ms). */
    private long[] windowSpan() {
        synchronized (times) {
            if (timeCount == 0) {
                long now = clock.getAsLong();
                return new long[]{now, now};
            }
            int oldest = (nextTime - timeCount + times.length) % times.length;
            int newest = (nextTime - 1 + times.length) % times.length;
            return new long[]{times[oldest], times[newest]};
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    /** Stops the scheduled checks. */
    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** Settings of a {@link DriftMonitor}; {@link #build()} starts its schedule. */
    public static final class Builder {
        private final Logger log;
        private final DriftBaseline baseline;
        private String model;
        private String version;
        private int window = 1000;
        private int minWindow = 200;
        private DriftThresholds thresholds = DriftThresholds.DEFAULT;
        private Duration every = Duration.ofMinutes(1);
        private LongSupplier clock = System::currentTimeMillis;

        private Builder(Logger log, DriftBaseline baseline) {
            this.log = Objects.requireNonNull(log, "log");
            this.baseline = Objects.requireNonNull(baseline, "baseline");
        }

        /** The model (and version) the inputs go to, put on the events as {@code model}/{@code model_version}. */
        public Builder model(String name, String modelVersion) {
            this.model = name;
            this.version = modelVersion;
            return this;
        }

        /** The latest values kept per feature (default 1000). */
        public Builder window(int size) {
            if (size < 2) {
                throw new IllegalArgumentException("a drift window needs at least 2 values, was " + size);
            }
            this.window = size;
            this.minWindow = Math.min(minWindow, size);
            return this;
        }

        /** Fewer values than this in a window are not judged (default 200, at most the window). */
        public Builder minWindow(int size) {
            if (size < 1 || size > window) {
                throw new IllegalArgumentException("the minimum window must be within 1.." + window + ", was " + size);
            }
            this.minWindow = size;
            return this;
        }

        public Builder thresholds(DriftThresholds t) {
            this.thresholds = Objects.requireNonNull(t, "thresholds");
            return this;
        }

        /** How often to check (default one minute); {@link Duration#ZERO}: only when {@link #check()} is called. */
        public Builder every(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("the check interval must not be negative, was " + interval);
            }
            this.every = interval;
            return this;
        }

        /** The clock (epoch ms) window times are read from; tests set it. */
        public Builder clock(LongSupplier millis) {
            this.clock = Objects.requireNonNull(millis, "millis");
            return this;
        }

        public DriftMonitor build() {
            return new DriftMonitor(this);
        }
    }
}
