package dev.logline.ml.inference;

import dev.logline.context.CurrentTrace;
import dev.logline.core.redact.RedactionPolicy;
import dev.logline.core.redact.Redactor;
import dev.logline.core.sampling.TraceSampling;
import dev.logline.ml.DaemonScheduler;
import dev.logline.ml.MlEvent;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

import dev.logline.core.redact.RedactionPolicy;
import dev.logline.core.redact.Redactor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Inference events of one model on an SLF4J logger: one {@code inference} event per prediction (model, version,
 * latency, input and output summaries, outcome; sampled, errors always kept) and, per version and interval, one
 * {@code inference_summary} event (count, errors, latency p50/p95/p99 over every prediction, sampled or not), so
 * dashboards read a few summaries instead of every prediction at high QPS.
 *
 * <pre>{@code
 * InferenceLog inference = InferenceLog.builder(log, "fraud-lr").sampleRate(0.1).build();
 * ServedVersion served = inference.version("2026.12.1");      // keep it: the hot path starts here
 * long t0 = System.nanoTime();
 * double p = model.predict(x);
 * served.success(System.nanoTime() - t0, InputSummary.features(Map.of("amount", 42.0)), p > 0.5 ? "fraud" : "ok", p);
 * }</pre>
 *
 * <p>Per-prediction events are logged on the caller's thread, so they carry the caller's trace context (MDC) like
 * any line it logs; sampling is trace-consistent ({@link TraceSampling}: a transaction's predictions are all kept
 * or all dropped) and random outside a trace. Summaries are logged from a daemon thread every
 * {@link Builder#summaryInterval interval} (aligned to the wall clock, default one minute), on {@link #flush()} and
 * on {@link #close()}. Thread-safe.
 */
public final class InferenceLog implements AutoCloseable {

    /** Attribute names of the inference events (docs/ML.md). */
    public static final String MODEL = "model";
    public static final String MODEL_VERSION = "model_version";
    public static final String LATENCY_MS = "latency_ms";

    /** The default summary interval. */
    public static final Duration DEFAULT_SUMMARY_INTERVAL = Duration.ofMinutes(1);

    final Logger log;
    final String model;
    final double sampleRate;
    final boolean keepErrors;
    final UnaryOperator<Map<String, Object>> inputRedaction;
    final LongSupplier clock;
    private final ConcurrentMap<String, ServedVersion> versions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;

    private InferenceLog(Builder b) {
        this.log = b.log;
        this.model = b.model;
        this.sampleRate = b.sampleRate;
        this.keepErrors = b.keepErrors;
        this.inputRedaction = b.inputRedaction;
        this.clock = b.clock;
        long interval = b.summaryInterval.toMillis();
        if (interval > 0) {
            scheduler = DaemonScheduler.named("logline-inference-summary-" + model);
            long now = clock.getAsLong();
            scheduler.scheduleAtFixedRate(this::flush, interval - now % interval, interval, TimeUnit.MILLISECONDS);
        } else {
            scheduler = null;
        }
    }

    /** Inference events of {@code model} (a model's name, versions apart) on {@code log}. */
    public static Builder builder(Logger log, String model) {
        return new Builder(log, model);
    }

    /** The handle of one model version, made once and kept: its predictions are summarised together. */
    public ServedVersion version(String version) {
        Objects.requireNonNull(version, "version");
        return versions.computeIfAbsent(version, v -> new ServedVersion(this, v, clock.getAsLong()));
    }

    /** Logs, and returns, the summary of every version that served since the last one; the next interval begins. */
    public List<InferenceSummary> flush() {
        long now = clock.getAsLong();
        List<InferenceSummary> out = new ArrayList<>();
        for (ServedVersion v : versions.values()) {
            InferenceSummary s = v.roll(now);
            if (s != null) {
                out.add(s);
                logSummary(s);
            }
        }
        return out;
    }

    /** Stops the summary thread and logs the summaries of the interval in progress. */
    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        flush();
    }

    /** Whether this prediction is logged one by one. */
    boolean sampled(boolean error) {
        if (error && keepErrors) {
            return true;
        }
        if (sampleRate >= 1) {
            return true;
        }
        if (sampleRate <= 0) {
            return false;
        }
        String traceId = CurrentTrace.traceId();
        return traceId != null ? TraceSampling.keeps(traceId, sampleRate)
                : ThreadLocalRandom.current().nextDouble() < sampleRate;
    }

    void logPrediction(String version, double latencyMs, InputSummary input, String label, double score,
                       Throwable error) {
        Level level = error == null ? Level.INFO : Level.ERROR;
        if (!log.isEnabledForLevel(level)) {
            return;
        }
        LoggingEventBuilder b = log.atLevel(level).setMessage(error == null ? "prediction" : "prediction failed")
                .addKeyValue(MlEvent.FIELD, MlEvent.INFERENCE.value())
                .addKeyValue(MODEL, model)
                .addKeyValue(MODEL_VERSION, version)
                .addKeyValue(LATENCY_MS, latencyMs)
                .addKeyValue("outcome", error == null ? "ok" : "error");
        if (input != null && !input.isEmpty()) {
            b = b.addKeyValue("input", inputRedaction.apply(new LinkedHashMap<>(input.toAttributes())));
        }
        if (error == null) {
            Map<String, Object> output = new LinkedHashMap<>(4);
            if (label != null) {
                output.put("class", label);
            }
            output.put("score", score);
            b = b.addKeyValue("output", output);
        } else {
            b = b.setCause(error);
        }
        if (sampleRate < 1) {
            b = b.addKeyValue("sample_rate", sampleRate);
        }
        b.log();
    }

    private void logSummary(InferenceSummary s) {
        if (!log.isInfoEnabled()) {
            return;
        }
        LoggingEventBuilder b = log.atInfo().setMessage("inference summary")
                .addKeyValue(MlEvent.FIELD, MlEvent.INFERENCE_SUMMARY.value());
        for (Map.Entry<String, Object> f : s.toAttributes().entrySet()) {
            b = b.addKeyValue(f.getKey(), f.getValue());
        }
        b.log();
    }

    /** Settings of an {@link InferenceLog}; {@link #build()} starts its summary thread. */
    public static final class Builder {
        /** Logline's built-in rules (cards, JWTs, credentials, key shapes), on unless the builder is told otherwise. */
        private static final Redactor BUILT_IN_REDACTION = Redactor.of(RedactionPolicy.defaults());

        private final Logger log;
        private final String model;
        private double sampleRate = 1.0;
        private boolean keepErrors = true;
        private Duration summaryInterval = DEFAULT_SUMMARY_INTERVAL;
        private UnaryOperator<Map<String, Object>> inputRedaction = BUILT_IN_REDACTION::attributes;
        private LongSupplier clock = System::currentTimeMillis;

        private Builder(Logger log, String model) {
            this.log = Objects.requireNonNull(log, "log");
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("an inference log needs the model's name");
            }
            this.model = model;
        }

        /** Share of successful predictions logged one by one, 0..1 (default 1); summaries count them all. */
        public Builder sampleRate(double rate) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("the sample rate must be within 0..1, was " + rate);
            }
            this.sampleRate = rate;
            return this;
        }

        /** Whether failed predictions are always logged, whatever the sample rate (default yes). */
        public Builder keepErrors(boolean keep) {
            this.keepErrors = keep;
            return this;
        }

        /** How often summaries are logged (default one minute); {@link Duration#ZERO}: only on flush and close. */
        public Builder summaryInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("the summary interval must not be negative, was " + interval);
            }
            this.summaryInterval = interval;
            return this;
        }

        /**
         * Rewrites each input summary before it is logged, e.g. to mask or drop personal data among the feature
         * values. By default Logline's built-in redaction rules run (card numbers, JWTs, credentials and key shapes
         * become masks); pass {@code Redactor.of(policy)::attributes} for other rules, or
         * {@link UnaryOperator#identity()} to log inputs as they are. Runs only for predictions that are logged.
         */
        public Builder inputRedaction(UnaryOperator<Map<String, Object>> redaction) {
            this.inputRedaction = Objects.requireNonNull(redaction, "redaction");
            return this;
        }

        /** The wall clock (epoch milliseconds) summary windows are timed by; tests set it. */
        public Builder clock(LongSupplier millis) {
            this.clock = Objects.requireNonNull(millis, "millis");
            return this;
        }

        public InferenceLog build() {
            return new InferenceLog(this);
        }
    }
}
