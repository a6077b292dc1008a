package dev.logline.context.http;

import dev.logline.context.ContextScope;
import dev.logline.context.CurrentTrace;
import dev.logline.core.trace.TraceContext;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class HttpClientTracingTest {

    private static final URI URI_ = URI.create("http://localhost:1/orders");

    @Test
    void addsTraceparentForAChildSpanAndXTraceId() {
        TraceContext ctx = new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", null, true, "a=1");
        HttpRequest request;
        try (ContextScope scope = CurrentTrace.open(ctx)) {
            request = HttpClientTracing.newBuilder(URI_).GET().build();
        }
        String traceparent = request.headers().firstValue("traceparent").orElseThrow();
        TraceContext sent = TraceContext.parseTraceparent(traceparent, null).orElseThrow();
        assertThat(sent.traceId()).isEqualTo(ctx.traceId());
        assertThat(sent.spanId()).isNotEqualTo(ctx.spanId());
        assertThat(request.headers().firstValue("tracestate")).contains("a=1");
        assertThat(request.headers().firstValue("x-trace-id")).contains(ctx.traceId());
    }

    @Test
    void foreignCorrelationIdsTravelAsXTraceIdOnly() {
        try (ContextScope scope = CurrentTrace.open(TraceContext.newRootWithTraceId("req-42"))) {
            HttpRequest request = HttpClientTracing.inject(HttpRequest.newBuilder(URI_)).build();
            assertThat(request.headers().firstValue("traceparent")).isEmpty();
            assertThat(request.headers().firstValue("x-trace-id")).contains("req-42");
        }
    }

    @Test
    void outsideATraceACallStartsOne() {
        HttpRequest request = HttpClientTracing.newBuilder(URI_).build();
        assertThat(TraceContext.parseTraceparent(request.headers().firstValue("traceparent").orElseThrow(), null)).isPresent();
    }
}
