package dev.logline.context;

import dev.logline.context.otel.OtelTraceSource;
import dev.logline.core.trace.TraceContext;
import org.slf4j.MDC;

import java.util.Optional;

/**
 * The trace context of the current thread, and the way to bind one ({@link #open(TraceContext)}).
 *
 * <p>When the OpenTelemetry API is on the classpath and a valid span is current, that span's context wins over
 * Logline's own, so services instrumented with OpenTelemetry log the ids their spans carry. Set the system
 * property {@code logline.context.opentelemetry=false} to ignore OpenTelemetry.
 */
public final class CurrentTrace {

    private static final OtelTraceSource OTEL = OtelTraceSource.detect();

    private CurrentTrace() {
    }

    /** The current context: OpenTelemetry's current span if valid, else the one bound by {@link #open}. */
    public static Optional<TraceContext> get() {
        if (OTEL != null) {
            TraceContext otel = OTEL.current();
            if (otel != null) {
                return Optional.of(otel);
            }
        }
        return Optional.ofNullable(ContextState.current().trace());
    }

    /**
     * OpenTelemetry's current span context, when the API is present and a valid span is current — what a server
     * filter continues instead of reading headers, because the OpenTelemetry agent already did.
     */
    public static Optional<TraceContext> fromOpenTelemetry() {
        return OTEL == null ? Optional.empty() : Optional.ofNullable(OTEL.current());
    }

    /** The current trace id, or {@code null} outside any trace. */
    public static String traceId() {
        return get().map(TraceContext::traceId).orElse(null);
    }

    /**
     * Binds {@code ctx} to this thread and puts its ids into MDC under {@link MdcKeys#current()}; the returned
     * scope puts back what was there before.
     */
    public static ContextScope open(TraceContext ctx) {
        MdcKeys keys = MdcKeys.current();
        String previousTrace = MDC.get(keys.traceId());
        String previousSpan = MDC.get(keys.spanId());
        ContextState previous = ContextState.swap(ContextState.current().withTrace(ctx));
        MDC.put(keys.traceId(), ctx.traceId());
        MDC.put(keys.spanId(), ctx.spanId());
        return new ContextScope(previous, () -> {
            restore(keys.traceId(), previousTrace);
            restore(keys.spanId(), previousSpan);
        });
    }

    /** Continues the current trace in a new child span, or starts a new trace when there is none. */
    public static ContextScope openChild() {
        return open(get().map(TraceContext::newChild).orElseGet(TraceContext::newRoot));
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
