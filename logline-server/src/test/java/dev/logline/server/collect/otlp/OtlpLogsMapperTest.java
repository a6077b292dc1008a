package dev.logline.server.collect.otlp;

import com.google.protobuf.ByteString;
import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.server.ingest.DecodedBatch;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OtlpLogsMapperTest {

    private static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    private static AnyValue str(String s) {
        return AnyValue.newBuilder().setStringValue(s).build();
    }

    private static ExportLogsServiceRequest request(Resource resource, String scope, LogRecord... records) {
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(resource)
                .addScopeLogs(ScopeLogs.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName(scope))
                        .addAllLogRecords(List.of(records))))
                .build();
    }

    @Test
    void mapsResourceScopeSeverityIdsAndTypedAttributes() {
        Resource resource = Resource.newBuilder()
                .addAttributes(kv("service.name", str("purchasing")))
                .addAttributes(kv("deployment.environment", str("prod")))
                .addAttributes(kv("service.version", str("1.4.2")))
                .addAttributes(kv("host.name", str("node-1")))
                .addAttributes(kv("cloud.region", str("eu-west-1")))
                .addAttributes(kv("region.shared", str("from resource")))
                .build();
        LogRecord record = LogRecord.newBuilder()
                .setTimeUnixNano(1763805600_123456789L)
                .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN2)
                .setSeverityText("WARN")
                .setBody(str("stock low"))
                .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex("4bf92f3577b34da6a3ce929d0e0e4736")))
                .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("00f067aa0ba902b7")))
                .setEventName("inventory.low")
                .addAttributes(kv("sku", str("A-17")))
                .addAttributes(kv("count", AnyValue.newBuilder().setIntValue(3).build()))
                .addAttributes(kv("ratio", AnyValue.newBuilder().setDoubleValue(0.25).build()))
                .addAttributes(kv("urgent", AnyValue.newBuilder().setBoolValue(true).build()))
                .addAttributes(kv("tags", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(str("a")).addValues(AnyValue.newBuilder().setIntValue(2))).build()))
                .addAttributes(kv("http", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                        .addValues(kv("status", AnyValue.newBuilder().setIntValue(503).build()))).build()))
                .addAttributes(kv("thread.name", str("http-7")))
                .addAttributes(kv("region.shared", str("from record")))
                .addAttributes(kv("level", str("kept apart")))
                .build();

        DecodedBatch batch = OtlpLogsMapper.map(request(resource, "shop.Inventory", record), 0);

        LogEvent e = batch.events().get(0);
        assertThat(e.service()).isEqualTo("purchasing");
        assertThat(e.env()).isEqualTo("prod");
        assertThat(e.version()).isEqualTo("1.4.2");
        assertThat(e.host()).isEqualTo("node-1");
        assertThat(e.logger()).isEqualTo("shop.Inventory");
        assertThat(e.thread()).isEqualTo("http-7");
        assertThat(e.level()).isEqualTo(Level.WARN);
        assertThat(e.msg()).isEqualTo("stock low");
        assertThat(e.tsMicros()).isEqualTo(1763805600_123456L);
        assertThat(e.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(e.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(e.attributes())
                .containsEntry("cloud.region", "eu-west-1")
                .containsEntry("region.shared", "from record")
                .containsEntry("event.name", "inventory.low")
                .containsEntry("sku", "A-17")
                .containsEntry("count", 3L)
                .containsEntry("ratio", 0.25)
                .containsEntry("urgent", true)
                .containsEntry("tags", List.of("a", 2L))
                .containsEntry("http", Map.of("status", 503L))
                .containsEntry("attr_level", "kept apart");
    }

    @Test
    void severityFallsBackToTextThenInfoAndTimeToObservedThenNow() {
        LogRecord textOnly = LogRecord.newBuilder().setSeverityText("critical").setObservedTimeUnixNano(2_000_000_000L).build();
        LogRecord nothing = LogRecord.newBuilder().setSeverityText("chatty").build();

        DecodedBatch batch = OtlpLogsMapper.map(request(Resource.getDefaultInstance(), "", textOnly, nothing), 777L);

        assertThat(batch.events().get(0).level()).isEqualTo(Level.FATAL);
        assertThat(batch.events().get(0).tsMicros()).isEqualTo(2_000_000L);
        assertThat(batch.events().get(0).logger()).isNull();
        assertThat(batch.events().get(1).level()).isEqualTo(Level.INFO);
        assertThat(batch.events().get(1).attributes()).containsEntry("severity_text", "chatty");
        assertThat(batch.events().get(1).tsMicros()).isEqualTo(777L);
    }

    @Test
    void exceptionAttributesBecomeTheErrorAndZeroIdsAreAbsent() {
        LogRecord record = LogRecord.newBuilder()
                .setTraceId(ByteString.copyFrom(new byte[16]))
                .addAttributes(kv("exception.type", str("java.lang.IllegalStateException")))
                .addAttributes(kv("exception.message", str("no stock")))
                .addAttributes(kv("exception.stacktrace", str("java.lang.IllegalStateException: no stock\n\tat shop.A.b(A.java:1)")))
                .build();

        LogEvent e = OtlpLogsMapper.map(request(Resource.getDefaultInstance(), "s", record), 1).events().get(0);

        assertThat(e.traceId()).isNull();
        assertThat(e.error().type()).isEqualTo("java.lang.IllegalStateException");
        assertThat(e.error().message()).isEqualTo("no stock");
        assertThat(e.error().stack()).contains("A.java:1");
        assertThat(e.attributes()).doesNotContainKeys("exception.type", "exception.message", "exception.stacktrace");
    }

    @Test
    void aRecordWithAnImpossibleTimeIsRejectedAlone() {
        LogRecord bad = LogRecord.newBuilder().setTimeUnixNano(-5L).setBody(str("bad")).build();
        LogRecord good = LogRecord.newBuilder().setTimeUnixNano(5_000L).setBody(str("good")).build();

        DecodedBatch batch = OtlpLogsMapper.map(request(Resource.getDefaultInstance(), "s", bad, good), 1);

        assertThat(batch.events()).extracting(LogEvent::msg).containsExactly("good");
        assertThat(batch.rejected()).hasSize(1);
        assertThat(batch.rejected().get(0).item()).isEqualTo(1);
        assertThat(batch.rejected().get(0).error()).contains("out of range");
        assertThat(OtlpExportResponses.of(dev.logline.server.ingest.IngestOutcome.allRejected(batch))
                .getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
    }

    @Test
    void mangledProtobufIsEitherAnExportOrAnInvalidProtocolBufferError() {
        byte[] valid = request(Resource.newBuilder().addAttributes(kv("service.name", str("svc"))).build(), "scope",
                LogRecord.newBuilder().setTimeUnixNano(5_000L).setBody(str("hello"))
                        .addAttributes(kv("k", AnyValue.newBuilder().setIntValue(1).build())).build()).toByteArray();
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 3_000; i++) {
            byte[] input = i % 2 == 0 ? java.util.Arrays.copyOf(valid, random.nextInt(valid.length + 1)) : valid.clone();
            if (i % 2 == 1) {
                input[random.nextInt(input.length)] = (byte) random.nextInt(256);
            }
            try {
                DecodedBatch batch = OtlpLogsMapper.map(ExportLogsServiceRequest.parseFrom(input), 0);
                assertThat(batch.events().size() + batch.rejected().size()).isLessThanOrEqualTo(1);
            } catch (com.google.protobuf.InvalidProtocolBufferException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }
}
