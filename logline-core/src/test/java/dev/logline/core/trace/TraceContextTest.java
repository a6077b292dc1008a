package dev.logline.core.trace;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TraceContextTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    @Test
    void parsesAndFormatsTraceparent() {
        TraceContext ctx = TraceContext.parseTraceparent("00-" + TRACE + "-" + SPAN + "-01", "congo=t61rcWkgMzE").orElseThrow();
        assertThat(ctx.traceId()).isEqualTo(TRACE);
        assertThat(ctx.spanId()).isEqualTo(SPAN);
        assertThat(ctx.sampled()).isTrue();
        assertThat(ctx.traceState()).isEqualTo("congo=t61rcWkgMzE");
        assertThat(ctx.traceparent()).contains("00-" + TRACE + "-" + SPAN + "-01");
    }

    @Test
    void readsUnsampledFlagAndFutureVersions() {
        assertThat(TraceContext.parseTraceparent("00-" + TRACE + "-" + SPAN + "-00", null).orElseThrow().sampled()).isFalse();
        assertThat(TraceContext.parseTraceparent("01-" + TRACE + "-" + SPAN + "-01-extra", null)).isPresent();
    }

    @Test
    void rejectsInvalidTraceparents() {
        String[] invalid = {
            null, "", "garbage", "00-" + TRACE + "-" + SPAN,
            "00-00000000000000000000000000000000-" + SPAN + "-01",
            "00-" + TRACE + "-0000000000000000-01",
            "00-" + TRACE.toUpperCase() + "-" + SPAN + "-01",
            "ff-" + TRACE + "-" + SPAN + "-01",
            "00-" + TRACE + "-" + SPAN + "-01-extra",
            "0x-" + TRACE + "-" + SPAN + "-01",
            "00_" + TRACE + "-" + SPAN + "-01",
        };
        for (String value : invalid) {
            assertThat(TraceContext.parseTraceparent(value, null)).as("%s", value).isEmpty();
        }
    }

    @Test
    void childKeepsTraceAndPointsToParent() {
        TraceContext root = TraceContext.newRoot();
        TraceContext child = root.newChild();
        assertThat(child.traceId()).isEqualTo(root.traceId());
        assertThat(child.parentSpanId()).isEqualTo(root.spanId());
        assertThat(child.spanId()).isNotEqualTo(root.spanId());
    }

    @Test
    void generatedIdsAreValidAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            TraceContext ctx = TraceContext.newRoot();
            assertThat(TraceIds.isValidTraceId(ctx.traceId())).isTrue();
            assertThat(TraceIds.isValidSpanId(ctx.spanId())).isTrue();
            assertThat(seen.add(ctx.traceId())).isTrue();
            assertThat(TraceContext.parseTraceparent(ctx.traceparent().orElseThrow(), null)).contains(ctx);
        }
    }

    @Test
    void foreignCorrelationIdHasNoTraceparent() {
        TraceContext ctx = TraceContext.newRootWithTraceId("req-42");
        assertThat(ctx.isW3c()).isFalse();
        assertThat(ctx.traceparent()).isEmpty();
    }

    @Test
    void b3SingleHeaderPadsShortIdsAndReadsSampling() {
        TraceContext ctx = TraceContext.parseB3Single("a3ce929d0e0e4736-" + SPAN + "-0").orElseThrow();
        assertThat(ctx.traceId()).isEqualTo("0000000000000000a3ce929d0e0e4736");
        assertThat(ctx.sampled()).isFalse();
        assertThat(TraceContext.parseB3Single(TRACE + "-" + SPAN + "-d-" + SPAN).orElseThrow().sampled()).isTrue();
        assertThat(TraceContext.parseB3Single("0")).isEmpty();
        assertThat(TraceContext.parseB3Single("xyz-" + SPAN)).isEmpty();
        assertThat(TraceContext.parseB3Single(TraceContext.newRoot().newChild().b3())).isPresent();
    }
}
