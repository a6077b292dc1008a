package dev.logline.context.otel;

import dev.logline.core.trace.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * Reads OpenTelemetry's current span context. Internal: {@code CurrentTrace} loads this class only after checking
 * that the OpenTelemetry API is on the classpath, so applications without it never touch these types.
 */
public final class OtelTraceSource {

    private static final String SPAN_CLASS = "io.opentelemetry.api.trace.Span";

    private OtelTraceSource() {
    }

    /** An instance when the OpenTelemetry API is present and not switched off, else {@code null}. */
    public static OtelTraceSource detect() {
        if ("false".equalsIgnoreCase(System.getProperty("logline.context.opentelemetry"))) {
            return null;
        }
        try {
            Class.forName(SPAN_CLASS, false, OtelTraceSource.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        return new OtelTraceSource();
    }

    /** The current span's context, or {@code null} when no valid span is current. */
    public TraceContext current() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        String state = span.getTraceState().isEmpty() ? null : w3cTraceState(span);
        return new TraceContext(span.getTraceId(), span.getSpanId(), null, span.isSampled(), state);
    }

    private static String w3cTraceState(SpanContext span) {
        StringBuilder out = new StringBuilder();
        span.getTraceState().forEach((key, value) -> {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(key).append('=').append(value);
        });
        return out.toString();
    }
}
