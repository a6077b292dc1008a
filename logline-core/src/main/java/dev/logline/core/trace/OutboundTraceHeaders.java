package dev.logline.core.trace;

import java.util.LinkedHashMap;
import java.util.Map;

/** The headers a client sends so the next service continues its trace. */
public final class OutboundTraceHeaders {

    private OutboundTraceHeaders() {
    }

    /**
     * Headers for a call made in {@code ctx}: {@code traceparent} (and {@code tracestate}) when the trace id is
     * W3C, and always {@code X-Trace-ID}, so a foreign correlation id travels on too.
     *
     * @param ctx the context of the outgoing call, usually {@code current.newChild()}
     * @return header name to value, in lower case, in sending order
     */
    public static Map<String, String> of(TraceContext ctx) {
        Map<String, String> headers = new LinkedHashMap<>(4);
        ctx.traceparent().ifPresent(tp -> headers.put(TraceHeader.TRACEPARENT, tp));
        if (ctx.isW3c() && ctx.traceState() != null) {
            headers.put(TraceHeader.TRACESTATE, ctx.traceState());
        }
        headers.put(TraceHeader.X_TRACE_ID, ctx.traceId());
        return headers;
    }
}
