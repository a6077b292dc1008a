package dev.logline.server.collect.otlp;

import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.server.collect.CollectorServer;
import dev.logline.server.collect.RecordingStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real OpenTelemetry Java SDK exporters (OTLP/HTTP protobuf and OTLP/gRPC) against our services. */
class OtlpSdkExporterTest {

    @RegisterExtension
    static final CollectorServer collectors = new CollectorServer()
            .mount(OtlpHttpLogsService.PATH, sink -> new OtlpHttpLogsService(sink, ctx -> "tenant-otel"))
            .mount(OtlpGrpcLogsService.PATH, sink -> OtlpGrpcLogsService.of(sink, ctx -> "tenant-otel"));
    private static final RecordingStore sink = collectors.store;

    private static String endpoint() {
        return "http://127.0.0.1:" + collectors.port();
    }

    /** Logs two records through a real SDK pipeline ending in the exporter; returns whether the flush succeeded. */
    private static boolean emitThrough(LogRecordExporter exporter) {
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), "ordering",
                AttributeKey.stringKey("deployment.environment.name"), "prod",
                AttributeKey.stringKey("host.name"), "node-9")));
        SdkLoggerProvider provider = SdkLoggerProvider.builder()
                .setResource(resource)
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter))
                .build();
        try {
            Logger logger = provider.get("shop.ordering.Orders");
            SpanContext span = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                    TraceFlags.getSampled(), TraceState.getDefault());
            logger.logRecordBuilder()
                    .setContext(Context.root().with(Span.wrap(span)))
                    .setTimestamp(1763805600_000_123L, TimeUnit.MICROSECONDS)
                    .setSeverity(Severity.ERROR)
                    .setSeverityText("ERROR")
                    .setBody("payment timed out")
                    .setAttribute(AttributeKey.stringKey("order_id"), "ORD987")
                    .setAttribute(AttributeKey.longKey("attempt"), 3L)
                    .setAttribute(AttributeKey.doubleKey("amount"), 250.0)
                    .setAttribute(AttributeKey.booleanKey("retryable"), true)
                    .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("card", "eu"))
                    .setAttribute(AttributeKey.stringKey("exception.type"), "java.net.SocketTimeoutException")
                    .emit();
            logger.logRecordBuilder().setSeverity(Severity.INFO).setBody("order placed").emit();
            return provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess();
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    private static void assertStoredAsLogline() throws InterruptedException {
        List<LogEvent> events = sink.awaitEvents(2, Duration.ofSeconds(5));
        assertThat(events).hasSize(2);
        assertThat(sink.calls()).allSatisfy(c -> assertThat(c.tenant()).isEqualTo("tenant-otel"));
        assertThat(collectors.metrics().collector("otlp").events()).isEqualTo(2);
        // The simple processor exports each record on its own, so they may arrive in either order.
        LogEvent e = events.stream().filter(x -> "payment timed out".equals(x.msg())).findFirst().orElseThrow();
        LogEvent other = events.stream().filter(x -> x != e).findFirst().orElseThrow();
        assertThat(e.level()).isEqualTo(Level.ERROR);
        assertThat(e.service()).isEqualTo("ordering");
        assertThat(e.env()).isEqualTo("prod");
        assertThat(e.host()).isEqualTo("node-9");
        assertThat(e.logger()).isEqualTo("shop.ordering.Orders");
        assertThat(e.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(e.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(e.tsMicros()).isEqualTo(1763805600_000_123L);
        assertThat(e.error().type()).isEqualTo("java.net.SocketTimeoutException");
        assertThat(e.attributes())
                .containsEntry("order_id", "ORD987")
                .containsEntry("attempt", 3L)
                .containsEntry("amount", 250.0)
                .containsEntry("retryable", true)
                .containsEntry("tags", List.of("card", "eu"))
                .containsEntry("telemetry.sdk.language", "java");
        assertThat(other.level()).isEqualTo(Level.INFO);
        assertThat(other.msg()).isEqualTo("order placed");
    }

    @Test
    void otlpHttpProtobufExporterDelivers() throws InterruptedException {
        assertThat(emitThrough(OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint() + OtlpHttpLogsService.PATH).build())).isTrue();
        assertStoredAsLogline();
    }

    @Test
    void otlpHttpExporterWithGzipDelivers() throws InterruptedException {
        assertThat(emitThrough(OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint() + OtlpHttpLogsService.PATH)
                .setCompression("gzip").build())).isTrue();
        assertStoredAsLogline();
    }

    @Test
    void otlpGrpcExporterDelivers() throws InterruptedException {
        assertThat(emitThrough(OtlpGrpcLogRecordExporter.builder().setEndpoint(endpoint()).build())).isTrue();
        assertStoredAsLogline();
    }

    @Test
    void otlpGrpcExporterWithGzipDelivers() throws InterruptedException {
        assertThat(emitThrough(OtlpGrpcLogRecordExporter.builder().setEndpoint(endpoint()).setCompression("gzip").build())).isTrue();
        assertStoredAsLogline();
    }

    @Test
    void exportsFailUnderBackpressureAndNothingIsStored() {
        sink.beBusy(Duration.ofSeconds(1));
        assertThat(emitThrough(OtlpGrpcLogRecordExporter.builder().setEndpoint(endpoint()).setRetryPolicy(null).build()))
                .isFalse();
        assertThat(emitThrough(OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint() + OtlpHttpLogsService.PATH)
                .setRetryPolicy(null).build())).isFalse();
        assertThat(sink.events()).isEmpty();
    }
}
