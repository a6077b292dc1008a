package dev.logline.core.trace;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class InboundTraceHeadersTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    private static TraceContext serverContext(Map<String, String> headers) {
        return InboundTraceHeaders.continueOrStart(headers::get);
    }

    @Test
    void continuesW3cTraceInANewSpan() {
        TraceContext ctx = serverContext(Map.of("traceparent", "00-" + TRACE + "-" + SPAN + "-01", "tracestate", "a=b"));
        assertThat(ctx.traceId()).isEqualTo(TRACE);
        assertThat(ctx.parentSpanId()).isEqualTo(SPAN);
        assertThat(ctx.spanId()).isNotEqualTo(SPAN);
        assertThat(ctx.traceState()).isEqualTo("a=b");
    }

    @Test
    void w3cWinsOverOtherHeaders() {
        TraceContext ctx = serverContext(Map.of("traceparent", "00-" + TRACE + "-" + SPAN + "-01",
                "x-trace-id", "other", "b3", "0000000000000000a3ce929d0e0e4736-" + SPAN));
        assertThat(ctx.traceId()).isEqualTo(TRACE);
    }

    @Test
    void readsB3SingleAndMulti() {
        assertThat(serverContext(Map.of("b3", TRACE + "-" + SPAN + "-1")).traceId()).isEqualTo(TRACE);
        TraceContext multi = serverContext(Map.of("x-b3-traceid", TRACE, "x-b3-spanid", SPAN, "x-b3-sampled", "0"));
        assertThat(multi.traceId()).isEqualTo(TRACE);
        assertThat(multi.parentSpanId()).isEqualTo(SPAN);
        assertThat(multi.sampled()).isFalse();
    }

    @Test
    void readsXTraceIdThenXRequestId() {
        assertThat(serverContext(Map.of("x-trace-id", TRACE.toUpperCase(), "x-request-id", "r-1")).traceId()).isEqualTo(TRACE);
        TraceContext ctx = serverContext(Map.of("x-request-id", "req-7f3a"));
        assertThat(ctx.traceId()).isEqualTo("req-7f3a");
        assertThat(ctx.isW3c()).isFalse();
    }

    @Test
    void invalidHeadersStartANewTraceWithoutThrowing() {
        TraceContext ctx = serverContext(Map.of("traceparent", "00-zz-01", "b3", "nonsense",
                "x-trace-id", "has space", "x-request-id", "x".repeat(500)));
        assertThat(ctx.isW3c()).isTrue();
        assertThat(ctx.parentSpanId()).isNull();
        assertThat(serverContext(Map.of()).isW3c()).isTrue();
    }

    @Test
    void randomHeaderValuesNeverThrowAndAlwaysYieldAValidContext() {
        Random random = new Random(42);
        String[] names = {"traceparent", "tracestate", "b3", "x-b3-traceid", "x-b3-spanid", "x-b3-sampled", "x-trace-id", "x-request-id"};
        String alphabet = "0123456789abcdefABCDEF-_ \t\u00e9\u0000xyz";
        for (int i = 0; i < 20_000; i++) {
            Map<String, String> headers = new HashMap<>();
            for (String name : names) {
                if (random.nextInt(3) == 0) {
                    StringBuilder v = new StringBuilder();
                    int len = random.nextInt(3) == 0 ? 55 : random.nextInt(70);
                    for (int j = 0; j < len; j++) {
                        v.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    headers.put(name, v.toString());
                }
            }
            TraceContext ctx = serverContext(headers);
            assertThat(TraceIds.isValidSpanId(ctx.spanId())).isTrue();
            assertThat(ctx.traceId()).isNotBlank();
        }
    }

    @Test
    void unsafeTracestateIsDropped() {
        String tp = "00-" + TRACE + "-" + SPAN + "-01";
        assertThat(serverContext(Map.of("traceparent", tp, "tracestate", "a=b\nc")).traceState()).isNull();
        assertThat(serverContext(Map.of("traceparent", tp, "tracestate", "a=" + "x".repeat(600))).traceState()).isNull();
        assertThat(serverContext(Map.of("traceparent", tp, "tracestate", " a=b,c=d ")).traceState()).isEqualTo("a=b,c=d");
    }
}
