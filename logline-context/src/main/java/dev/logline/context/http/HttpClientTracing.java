package dev.logline.context.http;

import dev.logline.context.CurrentTrace;
import dev.logline.core.trace.OutboundTraceHeaders;
import dev.logline.core.trace.TraceContext;

import java.net.URI;
import java.net.http.HttpRequest;

/**
 * Passes the current trace on through {@link java.net.http.HttpClient} calls: each request gets
 * {@code traceparent} (with {@code tracestate}) for a new child span, and {@code X-Trace-ID}.
 *
 * <pre>{@code
 * HttpRequest req = HttpClientTracing.inject(HttpRequest.newBuilder(uri)).POST(body).build();
 * }</pre>
 */
public final class HttpClientTracing {

    private HttpClientTracing() {
    }

    /**
     * Adds the trace headers for a call made now to {@code builder}. Outside any trace it starts a new one, so the
     * callee's events still correlate with each other.
     *
     * @return the same builder
     */
    public static HttpRequest.Builder inject(HttpRequest.Builder builder) {
        TraceContext call = CurrentTrace.get().map(TraceContext::newChild).orElseGet(TraceContext::newRoot);
        OutboundTraceHeaders.of(call).forEach(builder::setHeader);
        return builder;
    }

    /** {@code HttpRequest.newBuilder(uri)} with the trace headers already added. */
    public static HttpRequest.Builder newBuilder(URI uri) {
        return inject(HttpRequest.newBuilder(uri));
    }
}
