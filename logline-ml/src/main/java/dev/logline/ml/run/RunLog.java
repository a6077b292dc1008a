package dev.logline.ml.run;

import dev.logline.context.ContextScope;
import dev.logline.context.CurrentTrace;
import dev.logline.core.trace.TraceContext;
import dev.logline.core.trace.TraceIds;
import dev.logline.ml.MlEvent;
import dev.logline.ml.dataset.DatasetHash;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The record of one training run, as events on an SLF4J logger: a start (name, tags, parameters, datasets by
 * content hash, code version, environment), metrics per step, checkpoints, artifacts and one end (outcome,
 * duration, the reason on failure). A run that never logged its end crashed or is still going.
 *
 * <pre>{@code
 * try (RunLog run = RunLog.builder(log, "fraud-lr").tag("nightly").param("learning_rate", 0.5)
 *         .dataset("train", trainDir).start()) {
 *     for (int epoch = 1; epoch <= epochs; epoch++) {
 *         run.metric(epoch, Map.of("loss", loss, "accuracy", accuracy));
 *     }
 *     run.artifact("model", modelFile);
 * } // run_end, outcome ok — call run.fail(e) in a catch block, or use RunLog.call, to end it as an error
 * }</pre>
 *
 * <p>Every event carries {@code ml_event} ({@link MlEvent}), {@code run_id}, {@code run_name} (and
 * {@code parent_run_id}) as key-values, the run's tags as markers (LoglineEncoder writes them as {@code tags}), and
 * the run's trace context: a child span of the trace current at {@link Builder#start()}, or a new trace, bound in
 * MDC while each event is logged — the mechanism of {@link CurrentTrace}, so the run's events form one transaction
 * in the trace view. {@link #bind()} puts the same context (and {@code run_id}) on the training code's own lines.
 * Safe to use from several threads.
 */
public final class RunLog implements AutoCloseable {

    /** Attribute names of the run events (docs/ML.md). */
    public static final String RUN_ID = "run_id";
    public static final String RUN_NAME = "run_name";
    public static final String PARENT_RUN_ID = "parent_run_id";

    private final Logger log;
    private final String id;
    private final String name;
    private final String parent;
    private final List<Marker> tags;
    private final TraceContext trace;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Map<String, Object> lastMetrics = new LinkedHashMap<>();
    private Throwable error;
    private String failure;

    private RunLog(Builder b) {
        this.log = b.log;
        this.id = b.id != null ? b.id : TraceIds.newSpanId();
        this.name = b.name;
        this.parent = b.parent;
        List<Marker> markers = new ArrayList<>();
        for (String t : b.tags) {
            markers.add(MarkerFactory.getDetachedMarker(t));
        }
        this.tags = List.copyOf(markers);
        this.trace = CurrentTrace.get().map(TraceContext::newChild).orElseGet(TraceContext::newRoot);
    }

    /** A run named {@code name} (what runs are compared by, e.g. the model's name), logging to {@code log}. */
    public static Builder builder(Logger log, String name) {
        return new Builder(log, name);
    }

    /**
     * Starts the run, gives it to {@code work} and ends it: an exception {@code work} throws ends the run as an
     * error (ERROR, the exception attached) and is rethrown.
     */
    public static <T> T call(Builder run, Function<RunLog, T> work) {
        try (RunLog r = run.start()) {
            try {
                return work.apply(r);
            } catch (RuntimeException | Error e) {
                r.fail(e);
                throw e;
            }
        }
    }

    /** This run's id ({@code run_id}). */
    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The trace context every event of the run is logged in. */
    public TraceContext trace() {
        return trace;
    }

    /**
     * Binds the run's trace context and {@code run_id} to this thread's MDC until the scope closes, so the training
     * code's own log lines belong to the run too. Close it on the same thread.
     */
    public RunScope bind() {
        ContextScope traceScope = CurrentTrace.open(trace);
        return new RunScope(traceScope, id);
    }

    /** Logs parameters set after the start (a {@code params} event). */
    public RunLog params(Map<String, ?> params) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("params", new LinkedHashMap<>(params));
        emit(Level.INFO, "run params", MlEvent.PARAMS, f, null);
        return this;
    }

    /** Logs metrics at a step (a {@code metric} event with {@code step} and {@code metrics}). */
    public RunLog metric(long step, Map<String, ? extends Number> metrics) {
        return metric(step, null, metrics);
    }

    /** Logs metrics at a step of an epoch; {@code epoch} may be {@code null}. */
    public RunLog metric(long step, Integer epoch, Map<String, ? extends Number> metrics) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("step", step);
        if (epoch != null) {
            f.put("epoch", epoch);
        }
        putMetrics(f, metrics);
        emit(Level.INFO, "metrics", MlEvent.METRIC, f, null);
        return this;
    }

    /** Logs one metric at a step. */
    public RunLog metric(long step, String metric, double value) {
        return metric(step, Map.of(metric, value));
    }

    /** Logs a checkpoint written at {@code step}: its path, size and content hash, and the metrics it was taken at. */
    public RunLog checkpoint(long step, Path file, Map<String, ? extends Number> metrics) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("step", step);
        f.put("checkpoint", fileAttributes(null, file));
        putMetrics(f, metrics);
        emit(Level.INFO, "checkpoint saved", MlEvent.CHECKPOINT, f, null);
        return this;
    }

    /** Logs a file the run produced, with its size and content hash. */
    public RunLog artifact(String artifactName, Path file) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("artifact", fileAttributes(artifactName, file));
        emit(Level.INFO, "artifact saved", MlEvent.ARTIFACT, f, null);
        return this;
    }

    /** Marks the run failed: its end event is ERROR, {@code outcome: error}, with the exception and its message. */
    public synchronized RunLog fail(Throwable e) {
        error = e;
        if (failure == null) {
            failure = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return this;
    }

    /** Marks the run failed for a reason that is not an exception (e.g. the loss diverged). */
    public synchronized RunLog fail(String reason) {
        failure = Objects.requireNonNull(reason, "reason");
        return this;
    }

    /** True once the end event went out. */
    public boolean ended() {
        return ended.get();
    }

    /** Logs the end (once): {@code outcome} ok or error, {@code duration_ms}, {@code reason}, the last metrics. */
    public void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        double durationMs = Math.round((System.nanoTime() - startNanos) / 1_000.0) / 1_000.0;
        Map<String, Object> f = new LinkedHashMap<>();
        Throwable cause;
        boolean failed;
        synchronized (this) {
            failed = failure != null;
            cause = error;
            f.put("outcome", failed ? "error" : "ok");
            f.put("duration_ms", durationMs);
            if (failed) {
                f.put("reason", failure);
            }
            if (!lastMetrics.isEmpty()) {
                f.put("metrics", new LinkedHashMap<>(lastMetrics));
            }
        }
        emit(failed ? Level.ERROR : Level.INFO, failed ? "run failed" : "run ended", MlEvent.RUN_END, f, cause);
    }

    /** Ends the run unless it ended: as an error if {@link #fail} was called, else ok. */
    @Override
    public void close() {
        end();
    }

    private void putMetrics(Map<String, Object> f, Map<String, ? extends Number> metrics) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> nonFinite = new ArrayList<>();
        for (Map.Entry<String, ? extends Number> m : metrics.entrySet()) {
            Number v = m.getValue();
            // JSON has no NaN or infinity: the value is left out and its name listed, so a divergence still shows.
            if (v == null || (v instanceof Double d && !Double.isFinite(d)) || (v instanceof Float x && !Float.isFinite(x))) {
                nonFinite.add(m.getKey());
            } else {
                values.put(m.getKey(), v);
            }
        }
        if (!values.isEmpty()) {
            f.put("metrics", values);
        }
        if (!nonFinite.isEmpty()) {
            f.put("metrics_not_finite", nonFinite);
        }
        synchronized (this) {
            lastMetrics.putAll(values);
        }
    }

    private static Map<String, Object> fileAttributes(String artifactName, Path file) {
        DatasetHash h = DatasetHash.of(file);
        Map<String, Object> m = new LinkedHashMap<>();
        if (artifactName != null) {
            m.put("name", artifactName);
        }
        m.put("path", file.toAbsolutePath().normalize().toString());
        m.put("bytes", h.bytes());
        m.put("hash", h.hash());
        m.put("algorithm", DatasetHash.ALGORITHM);
        return m;
    }

    void emit(Level level, String msg, MlEvent kind, Map<String, Object> fields, Throwable cause) {
        if (!log.isEnabledForLevel(level)) {
            return;
        }
        try (ContextScope scope = CurrentTrace.open(trace)) {
            LoggingEventBuilder b = log.atLevel(level).setMessage(msg);
            for (Marker m : tags) {
                b = b.addMarker(m);
            }
            b = b.addKeyValue(MlEvent.FIELD, kind.value()).addKeyValue(RUN_ID, id).addKeyValue(RUN_NAME, name);
            if (parent != null) {
                b = b.addKeyValue(PARENT_RUN_ID, parent);
            }
            for (Map.Entry<String, Object> f : fields.entrySet()) {
                b = b.addKeyValue(f.getKey(), f.getValue());
            }
            if (cause != null) {
                b = b.setCause(cause);
            }
            b.log();
        }
    }

    /** What a run starts with; {@link #start()} logs the start event. Not thread-safe. */
    public static final class Builder {
        private final Logger log;
        private final String name;
        private final List<String> tags = new ArrayList<>();
        private final Map<String, Object> params = new LinkedHashMap<>();
        private final Map<String, Object> datasets = new LinkedHashMap<>();
        private String id;
        private String parent;
        private CodeVersion code;
        private boolean detectCode = true;
        private boolean captureEnvironment = true;

        private Builder(Logger log, String name) {
            this.log = Objects.requireNonNull(log, "log");
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a run needs a name (e.g. the model's), to be found and compared by");
            }
            this.name = name;
        }

        /** The run's id; a random 16-hex-digit id when not given. */
        public Builder id(String runId) {
            this.id = runId;
            return this;
        }

        public Builder tag(String... names) {
            for (String t : names) {
                if (!tags.contains(t)) {
                    tags.add(t);
                }
            }
            return this;
        }

        /** The run this one belongs to (a sweep, a pipeline). */
        public Builder parent(String parentRunId) {
            this.parent = parentRunId;
            return this;
        }

        public Builder param(String key, Object value) {
            params.put(key, value);
            return this;
        }

        public Builder params(Map<String, ?> values) {
            params.putAll(values);
            return this;
        }

        /** A dataset the run reads, named and versioned by its {@link DatasetHash content hash} (hashed now). */
        public Builder dataset(String datasetName, Path... roots) {
            return dataset(datasetName, DatasetHash.of(List.of(roots)));
        }

        public Builder dataset(String datasetName, DatasetHash hash) {
            datasets.put(datasetName, hash.toAttributes());
            return this;
        }

        /** The code version to log instead of the detected one ({@link CodeVersion#detect()}). */
        public Builder code(CodeVersion version) {
            this.code = version;
            this.detectCode = false;
            return this;
        }

        /** Whether to capture {@link RunEnvironment} (default yes). */
        public Builder environment(boolean capture) {
            this.captureEnvironment = capture;
            return this;
        }

        /** Logs the {@code run_start} event and returns the running run. */
        public RunLog start() {
            RunLog run = new RunLog(this);
            Map<String, Object> f = new LinkedHashMap<>();
            if (!params.isEmpty()) {
                f.put("params", new LinkedHashMap<>(params));
            }
            if (!datasets.isEmpty()) {
                f.put("datasets", new LinkedHashMap<>(datasets));
            }
            CodeVersion c = detectCode ? CodeVersion.detect().orElse(null) : code;
            if (c != null) {
                f.put("code", c.toAttributes());
            }
            if (captureEnvironment) {
                f.put("environment", RunEnvironment.capture());
            }
            run.emit(Level.INFO, "run started", MlEvent.RUN_START, f, null);
            return run;
        }
    }
}
