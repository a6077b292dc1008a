package dev.logline.core.trace;

/** The names of the HTTP/Kafka headers that carry trace context, as peers spell them (lower-case). */
public final class TraceHeader {

    /** W3C Trace Context: {@code 00-<trace-id>-<span-id>-<flags>}. */
    public static final String TRACEPARENT = "traceparent";
    /** W3C vendor-specific state, carried through unchanged. */
    public static final String TRACESTATE = "tracestate";
    /** A bare trace id, as many load balancers and older services send it. */
    public static final String X_TRACE_ID = "x-trace-id";
    /** A request id (Heroku, nginx, Envoy); used as the trace id when nothing better arrives. */
    public static final String X_REQUEST_ID = "x-request-id";
    /** Zipkin B3 single header: {@code <trace-id>-<span-id>[-<sampled>[-<parent-span-id>]]}. */
    public static final String B3 = "b3";
    /** Zipkin B3 multi-header trace id. */
    public static final String X_B3_TRACE_ID = "x-b3-traceid";
    /** Zipkin B3 multi-header span id. */
    public static final String X_B3_SPAN_ID = "x-b3-spanid";
    /** Zipkin B3 multi-header sampling decision ({@code 1}/{@code 0}). */
    public static final String X_B3_SAMPLED = "x-b3-sampled";

    private TraceHeader() {
    }
}
