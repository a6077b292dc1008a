package dev.logline.core.trace;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the trace context a caller sent, from whichever headers it used, in a fixed order of preference:
 * W3C {@code traceparent} (with {@code tracestate}), B3 single {@code b3}, B3 multi {@code X-B3-*},
 * {@code X-Trace-ID}, {@code X-Request-Id}.
 *
 * <p>Invalid headers are ignored, never thrown: a request with garbage headers simply starts a new trace.
 */
public final class InboundTraceHeaders {

    /** Longest correlation id accepted from {@code X-Trace-ID}/{@code X-Request-Id}; longer ones are ignored. */
    public static final int MAX_CORRELATION_ID_LENGTH = 128;

    private InboundTraceHeaders() {
    }

    /**
     * Finds the caller's context.
     *
     * @param header looks a header up by its lower-case name, returns {@code null} when absent (servlet,
     *               Kafka and HttpClient lookups are case-insensitive already)
     * @return the caller's context (its span id is the caller's span), or empty when no valid header arrived
     */
    public static Optional<TraceContext> extract(Function<String, String> header) {
        Optional<TraceContext> w3c = TraceContext.parseTraceparent(
                header.apply(TraceHeader.TRACEPARENT), header.apply(TraceHeader.TRACESTATE));
        if (w3c.isPresent()) {
            return w3c;
        }
        Optional<TraceContext> b3 = TraceContext.parseB3Single(header.apply(TraceHeader.B3));
        if (b3.isPresent()) {
            return b3;
        }
        Optional<TraceContext> b3Multi = TraceContext.fromB3(header.apply(TraceHeader.X_B3_TRACE_ID),
                header.apply(TraceHeader.X_B3_SPAN_ID), header.apply(TraceHeader.X_B3_SAMPLED));
        if (b3Multi.isPresent()) {
            return b3Multi;
        }
        String traceId = correlationId(header.apply(TraceHeader.X_TRACE_ID));
        if (traceId == null) {
            traceId = correlationId(header.apply(TraceHeader.X_REQUEST_ID));
        }
        if (traceId == null) {
            return Optional.empty();
        }
        // A bare id has no sender span; a fresh one stands in so the context stays well-formed.
        return Optional.of(TraceContext.newRootWithTraceId(traceId));
    }

    /**
     * The context a server should run a request in: a child of the caller's context, or a new root when the
     * caller sent none (or only invalid headers).
     */
    public static TraceContext continueOrStart(Function<String, String> header) {
        return extract(header).map(TraceContext::newChild).orElseGet(TraceContext::newRoot);
    }

    /**
     * Accepts a correlation id when it is printable ASCII without spaces and not too long; a 32-hex id in upper
     * case is normalised to W3C's lower case so it can travel on as {@code traceparent}.
     */
    static String correlationId(String raw) {
        if (raw == null) {
            return null;
        }
        String id = raw.trim();
        if (id.isEmpty() || id.length() > MAX_CORRELATION_ID_LENGTH) {
            return null;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return null;
            }
        }
        String lower = id.toLowerCase(Locale.ROOT);
        return TraceIds.isValidTraceId(lower) ? lower : id;
    }
}
