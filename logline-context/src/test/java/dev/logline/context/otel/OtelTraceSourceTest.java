package dev.logline.context.otel;

import dev.logline.context.ContextScope;
import dev.logline.context.CurrentTrace;
import dev.logline.core.trace.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OtelTraceSourceTest {

    @Test
    void openTelemetrysCurrentSpanWinsOverOurOwnContext() {
        SpanContext otel = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.builder().put("vendor", "x").build());
        TraceContext ours = TraceContext.newRoot();
        try (ContextScope s = CurrentTrace.open(ours)) {
            try (Scope scope = Span.wrap(otel).makeCurrent()) {
                TraceContext current = CurrentTrace.get().orElseThrow();
                assertThat(current.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
                assertThat(current.spanId()).isEqualTo("00f067aa0ba902b7");
                assertThat(current.sampled()).isTrue();
                assertThat(current.traceState()).isEqualTo("vendor=x");
                assertThat(CurrentTrace.fromOpenTelemetry()).contains(current);
            }
            assertThat(CurrentTrace.get()).contains(ours);
            assertThat(CurrentTrace.fromOpenTelemetry()).isEmpty();
        }
    }
}
