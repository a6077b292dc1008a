package dev.logline.bench.collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OTLP/HTTP logs export bodies as the OpenTelemetry SDKs send them: one {@code ResourceLogs} per service, one
 * {@code ScopeLogs} per logger, event fields as log record attributes; protobuf, or OTLP/JSON (ids in hex, enums
 * and 64-bit integers as the spec writes them).
 */
final class OtlpExportBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace().printingEnumsAsInts();

    private OtlpExportBodies() {
    }

    static byte[] protobuf(List<LogEvent> events) {
        return request(events).toByteArray();
    }

    static byte[] json(List<LogEvent> events) {
        try {
            JsonNode tree = JSON.readTree(PRINTER.print(request(events)));
            // Protobuf's JSON mapping writes bytes as base64; OTLP/JSON wants trace and span ids as hex.
            for (JsonNode resource : tree.path("resourceLogs")) {
                for (JsonNode scope : resource.path("scopeLogs")) {
                    for (JsonNode record : scope.path("logRecords")) {
                        hexId((ObjectNode) record, "traceId");
                        hexId((ObjectNode) record, "spanId");
                    }
                }
            }
            return JSON.writeValueAsBytes(tree);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void hexId(ObjectNode record, String field) {
        JsonNode id = record.get(field);
        if (id != null) {
            record.put(field, HexFormat.of().formatHex(Base64.getDecoder().decode(id.asText())));
        }
    }

    private static ExportLogsServiceRequest request(List<LogEvent> events) {
        Map<List<String>, Map<String, List<LogEvent>>> byResource = new LinkedHashMap<>();
        for (LogEvent e : events) {
            List<String> resource = Arrays.asList(e.service(), e.env(), e.host(), e.version());
            byResource.computeIfAbsent(resource, k -> new LinkedHashMap<>())
                    .computeIfAbsent(e.logger() == null ? "" : e.logger(), k -> new ArrayList<>()).add(e);
        }
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        for (Map.Entry<List<String>, Map<String, List<LogEvent>>> r : byResource.entrySet()) {
            Resource.Builder resource = Resource.newBuilder();
            List<String> k = r.getKey();
            putIfPresent(resource, "service.name", k.get(0));
            putIfPresent(resource, "deployment.environment.name", k.get(1));
            putIfPresent(resource, "host.name", k.get(2));
            putIfPresent(resource, "service.version", k.get(3));
            ResourceLogs.Builder resourceLogs = ResourceLogs.newBuilder().setResource(resource);
            for (Map.Entry<String, List<LogEvent>> scope : r.getValue().entrySet()) {
                ScopeLogs.Builder scopeLogs = ScopeLogs.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName(scope.getKey()));
                for (LogEvent e : scope.getValue()) {
                    scopeLogs.addLogRecords(record(e));
                }
                resourceLogs.addScopeLogs(scopeLogs);
            }
            request.addResourceLogs(resourceLogs);
        }
        return request.build();
    }

    private static void putIfPresent(Resource.Builder resource, String key, String value) {
        if (value != null) {
            resource.addAttributes(KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)));
        }
    }

    private static LogRecord record(LogEvent e) {
        long nanos = e.tsMicros() * 1_000L;
        LogRecord.Builder r = LogRecord.newBuilder()
                .setTimeUnixNano(nanos)
                .setObservedTimeUnixNano(nanos)
                .setSeverityNumberValue(severityNumber(e.level()))
                .setSeverityText(e.level().name())
                .setBody(AnyValue.newBuilder().setStringValue(e.msg() == null ? "" : e.msg()));
        if (e.traceId() != null && e.traceId().length() == 32) {
            r.setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(e.traceId())));
        }
        if (e.spanId() != null && e.spanId().length() == 16) {
            r.setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(e.spanId())));
        }
        if (e.thread() != null) {
            r.addAttributes(attribute("thread.name", e.thread()));
        }
        if (e.durationMs() != null) {
            r.addAttributes(attribute("duration_ms", e.durationMs()));
        }
        if (e.error() != null) {
            r.addAttributes(attribute("exception.type", e.error().type()));
            r.addAttributes(attribute("exception.message", e.error().message()));
            r.addAttributes(attribute("exception.stacktrace", e.error().stack()));
        }
        for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
            r.addAttributes(attribute(a.getKey(), a.getValue()));
        }
        return r.build();
    }

    private static KeyValue attribute(String key, Object value) {
        AnyValue.Builder v = AnyValue.newBuilder();
        if (value instanceof Boolean b) {
            v.setBoolValue(b);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            v.setIntValue(((Number) value).longValue());
        } else if (value instanceof Number n) {
            v.setDoubleValue(n.doubleValue());
        } else {
            v.setStringValue(value == null ? "" : String.valueOf(value));
        }
        return KeyValue.newBuilder().setKey(key).setValue(v).build();
    }

    /** The first number of each OTLP severity range (TRACE 1, DEBUG 5, INFO 9, WARN 13, ERROR 17, FATAL 21). */
    private static int severityNumber(Level level) {
        return 1 + 4 * level.ordinal();
    }
}
