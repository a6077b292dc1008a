package dev.logline.context;

import dev.logline.core.trace.TraceContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class CurrentTraceTest {

    @AfterEach
    void resetKeys() {
        MdcKeys.use(MdcKeys.LOGLINE);
        MDC.clear();
    }

    @Test
    void scopeBindsIdsIntoMdcAndRestoresThePreviousOnes() {
        MDC.put("trace_id", "outer-id");
        TraceContext ctx = TraceContext.newRoot();
        try (ContextScope scope = CurrentTrace.open(ctx)) {
            assertThat(MDC.get("trace_id")).isEqualTo(ctx.traceId());
            assertThat(MDC.get("span_id")).isEqualTo(ctx.spanId());
            assertThat(CurrentTrace.get()).contains(ctx);
            try (ContextScope child = CurrentTrace.openChild()) {
                assertThat(MDC.get("trace_id")).isEqualTo(ctx.traceId());
                assertThat(MDC.get("span_id")).isNotEqualTo(ctx.spanId());
                assertThat(CurrentTrace.get().orElseThrow().parentSpanId()).isEqualTo(ctx.spanId());
            }
            assertThat(MDC.get("span_id")).isEqualTo(ctx.spanId());
        }
        assertThat(MDC.get("trace_id")).isEqualTo("outer-id");
        assertThat(MDC.get("span_id")).isNull();
        assertThat(CurrentTrace.get()).isEmpty();
    }

    @Test
    void closingTwiceIsHarmless() {
        ContextScope scope = CurrentTrace.open(TraceContext.newRoot());
        scope.close();
        try (ContextScope other = CurrentTrace.open(TraceContext.newRoot())) {
            scope.close();
            assertThat(CurrentTrace.get()).isPresent();
        }
    }

    @Test
    void micrometerKeyNamesAreConfigurable() {
        MdcKeys.use(MdcKeys.MICROMETER);
        TraceContext ctx = TraceContext.newRoot();
        try (ContextScope scope = CurrentTrace.open(ctx)) {
            assertThat(MDC.get("traceId")).isEqualTo(ctx.traceId());
            assertThat(MDC.get("spanId")).isEqualTo(ctx.spanId());
            assertThat(MDC.get("trace_id")).isNull();
        }
        assertThat(MDC.get("traceId")).isNull();
    }
}
