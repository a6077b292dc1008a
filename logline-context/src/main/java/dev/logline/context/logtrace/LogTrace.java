package dev.logline.context.logtrace;

import dev.logline.context.ContextScope;
import dev.logline.context.DebugBuffer;
import dev.logline.core.Step;
import dev.logline.core.trace.TraceIds;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Event logging: the steps of one micro-process folded into ONE event, emitted once when the trace closes.
 *
 * <pre>{@code
 * try (LogTrace t = LogTrace.start(log, "authenticate")) {
 *     t.add("auth header present");
 *     t.put("user", user);
 *     t.add("token valid");
 * } // one INFO event: msg "authenticate", steps [{t_ms, dt_ms, line, msg}, …], duration_ms, log_uid, outcome, user
 * }</pre>
 *
 * <p>Steps carry elapsed milliseconds since the start and since the previous step from {@link System#nanoTime()},
 * and the caller's line number — found with a stack walk only when the event's level is enabled and line capture
 * is on ({@link #lines(boolean)}, default {@link #DEFAULT_CAPTURE_LINES}). {@link #add}, {@link #put} and
 * {@link #fail} are safe from several threads. {@link #fail(Throwable)} raises the level to ERROR, attaches the
 * error and sets {@code outcome} to {@code error}; close cannot see an exception in flight, so call {@code fail}
 * in a catch block or use {@link #call}.
 *
 * <p>Emits through SLF4J's fluent API, so it works with any backend: key-values {@code steps}
 * ({@code List<dev.logline.core.Step>}), {@code duration_ms} (Double), {@code log_uid}, {@code outcome},
 * {@code tags} (when any) and every field put.
 */
public final class LogTrace implements AutoCloseable {

    /** Whether steps record the caller's line unless a trace says otherwise: system property {@code logline.logtrace.lines}. */
    public static final boolean DEFAULT_CAPTURE_LINES =
            !"false".equalsIgnoreCase(System.getProperty("logline.logtrace.lines"));

    private final Logger log;
    private final String msg;
    private final String id = TraceIds.newSpanId();
    private final long startNanos;
    private final boolean levelEnabled;
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final List<String> tags = new ArrayList<>();
    private final AtomicBoolean emitted = new AtomicBoolean();
    private final Thread openingThread = Thread.currentThread();
    private Level level;
    private boolean captureLines = DEFAULT_CAPTURE_LINES;
    private long lastNanos;
    private Throwable error;
    private boolean failed;
    private DebugBuffer debugBuffer;
    private ContextScope debugBufferScope;

    private LogTrace(Logger log, Level level, String msg) {
        this.log = log;
        this.level = level;
        this.msg = msg;
        this.levelEnabled = log.isEnabledForLevel(level);
        this.startNanos = System.nanoTime();
        this.lastNanos = startNanos;
    }

    /** Starts a trace that emits an INFO event with message {@code msg}. */
    public static LogTrace start(Logger log, String msg) {
        return new LogTrace(log, Level.INFO, msg);
    }

    /** Starts a trace that emits at {@code level} (raised to ERROR on failure). */
    public static LogTrace start(Logger log, Level level, String msg) {
        return new LogTrace(log, level, msg);
    }

    /**
     * Runs {@code work} in a trace; an exception it throws fails the trace (ERROR, error attached) and is
     * rethrown after the event is emitted.
     */
    public static <T> T call(Logger log, String msg, Function<LogTrace, T> work) {
        try (LogTrace t = start(log, msg)) {
            try {
                return work.apply(t);
            } catch (RuntimeException | Error e) {
                t.fail(e);
                throw e;
            }
        }
    }

    /** Switches caller line capture for this trace. */
    public synchronized LogTrace lines(boolean capture) {
        this.captureLines = capture;
        return this;
    }

    /**
     * Holds this thread's DEBUG/TRACE lines until the trace ends: emitted (before the trace's event) if it fails,
     * dropped otherwise. Needs a diverting backend (Logback with {@code DebugBufferTurboFilter}); close the trace
     * on this thread.
     */
    public synchronized LogTrace bufferDebug(int capacity) {
        if (debugBuffer == null) {
            debugBuffer = new DebugBuffer(capacity);
            debugBufferScope = debugBuffer.bind();
        }
        return this;
    }

    /** {@link #bufferDebug(int)} with {@link DebugBuffer#DEFAULT_CAPACITY}. */
    public LogTrace bufferDebug() {
        return bufferDebug(DebugBuffer.DEFAULT_CAPACITY);
    }

    /** This trace's id, emitted as {@code log_uid}: put it on related lines to find them with the event. */
    public String id() {
        return id;
    }

    /** Records a step now. */
    public LogTrace add(String stepMsg) {
        // The walk happens outside the lock: it is the expensive part, and concurrent adders should not queue on it.
        int line = levelEnabled && captureLines ? CallerLine.find() : 0;
        synchronized (this) {
            long now = System.nanoTime();
            steps.add(new Step(millis(now - startNanos), millis(now - lastNanos), line, stepMsg));
            lastNanos = now;
        }
        return this;
    }

    public LogTrace put(String key, String value) {
        return putValue(key, value);
    }

    public LogTrace put(String key, long value) {
        return putValue(key, value);
    }

    public LogTrace put(String key, double value) {
        return putValue(key, value);
    }

    public LogTrace put(String key, boolean value) {
        return putValue(key, value);
    }

    /** Adds a field of any type; the encoder writes numbers, booleans, maps and lists typed. */
    public LogTrace put(String key, Object value) {
        return putValue(key, value);
    }

    private synchronized LogTrace putValue(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /** Adds tags, emitted as the {@code tags} list. */
    public synchronized LogTrace tag(String... names) {
        for (String name : names) {
            if (!tags.contains(name)) {
                tags.add(name);
            }
        }
        return this;
    }

    /** Marks the trace failed: level raised to ERROR, the error attached, {@code outcome} {@code error}. */
    public synchronized LogTrace fail(Throwable e) {
        this.failed = true;
        this.error = e;
        return this;
    }

    /** Marks the trace failed without an exception (e.g. a rejected payment). */
    public synchronized LogTrace fail(String reason) {
        this.failed = true;
        fields.put("failure", reason);
        return this;
    }

    /** True once the event went out. */
    public boolean emitted() {
        return emitted.get();
    }

    /** Emits the event now; later calls, and {@link #close()}, do nothing. */
    public void emit() {
        if (!emitted.compareAndSet(false, true)) {
            return;
        }
        long endNanos = System.nanoTime();
        List<Step> stepsOut;
        Map<String, Object> fieldsOut;
        List<String> tagsOut;
        Level levelOut;
        Throwable errorOut;
        boolean failedOut;
        synchronized (this) {
            stepsOut = List.copyOf(steps);
            fieldsOut = new LinkedHashMap<>(fields);
            tagsOut = List.copyOf(tags);
            failedOut = failed;
            levelOut = failed && level.toInt() < Level.ERROR.toInt() ? Level.ERROR : level;
            errorOut = error;
        }
        endDebugBuffer(failedOut);
        if (!log.isEnabledForLevel(levelOut)) {
            return;
        }
        LoggingEventBuilder b = log.atLevel(levelOut).setMessage(msg)
                .addKeyValue("steps", stepsOut)
                .addKeyValue("duration_ms", millis(endNanos - startNanos))
                .addKeyValue("log_uid", id)
                .addKeyValue("outcome", failedOut ? "error" : "ok");
        if (!tagsOut.isEmpty()) {
            b = b.addKeyValue("tags", tagsOut);
        }
        for (Map.Entry<String, Object> f : fieldsOut.entrySet()) {
            b = b.addKeyValue(f.getKey(), f.getValue());
        }
        if (errorOut != null) {
            b = b.setCause(errorOut);
        }
        b.log();
    }

    private void endDebugBuffer(boolean failedOut) {
        DebugBuffer buffer;
        ContextScope scope;
        synchronized (this) {
            buffer = debugBuffer;
            scope = debugBufferScope;
        }
        if (buffer == null) {
            return;
        }
        if (Thread.currentThread() == openingThread) {
            scope.close();
        }
        if (failedOut) {
            buffer.flush();
        } else {
            buffer.discard();
        }
    }

    /** Emits the event unless already emitted. */
    @Override
    public void close() {
        emit();
    }

    private static double millis(long nanos) {
        // Microsecond resolution is plenty, and keeps the JSON short.
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
