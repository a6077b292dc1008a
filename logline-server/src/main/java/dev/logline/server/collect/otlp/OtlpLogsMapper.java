package dev.logline.server.collect.otlp;

import dev.logline.core.ErrorInfo;
import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.DecodedItem;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;

import com.google.protobuf.ByteString;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps an OTLP logs export onto Logline events, following the OpenTelemetry semantic conventions for the
 * fields Logline reserves.
 *
 * <p>Resource attributes {@code service.name}, {@code deployment.environment(.name)}, {@code service.version}
 * and {@code host.name} become service/env/version/host, and the rest attributes under their dotted names;
 * the scope name is the logger; {@code exception.*} attributes become the error; {@code thread.name} the
 * thread. A record attribute wins over a resource attribute of the same name.
 */
public final class OtlpLogsMapper {

    private static final HexFormat HEX = HexFormat.of();

    private OtlpLogsMapper() {
    }

    /**
     * Maps every record of the request; records are numbered from 1 in the order sent. Each is measured by its
     * protobuf size plus its resource's, a cheap stand-in for the bytes of an event the wire form does not have.
     *
     * @param nowMicros the time for a record that carries neither time nor observed time
     */
    public static DecodedBatch map(ExportLogsServiceRequest request, long nowMicros) {
        DecodedBatch.Builder batch = new DecodedBatch.Builder();
        int item = 0;
        for (ResourceLogs rl : request.getResourceLogsList()) {
            Map<String, Object> resource = OtlpAnyValues.toMap(rl.getResource().getAttributesList());
            LogEvent.Builder base = LogEvent.builder();
            Map<String, Object> resourceRest = new LinkedHashMap<>();
            for (Map.Entry<String, Object> a : resource.entrySet()) {
                if (!applyResourceField(base, a.getKey(), a.getValue())) {
                    resourceRest.put(a.getKey(), a.getValue());
                }
            }
            LogEvent resourceEvent = base.build();
            long resourceBytes = rl.getResource().getSerializedSize();
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                String scope = sl.getScope().getName();
                for (LogRecord record : sl.getLogRecordsList()) {
                    item++;
                    try {
                        LogEvent e = mapRecord(resourceEvent, resourceRest, scope, record, nowMicros);
                        batch.add(new DecodedItem(item, e, record.getSerializedSize() + resourceBytes));
                    } catch (IllegalArgumentException | ArithmeticException e) {
                        batch.reject(item, "log record " + item + ": " + e.getMessage());
                    }
                }
            }
        }
        return batch.build();
    }

    private static boolean applyResourceField(LogEvent.Builder b, String key, Object value) {
        if (!(value instanceof String)) {
            return false;
        }
        String s = (String) value;
        switch (key) {
            case "service.name": b.service(s); return true;
            case "deployment.environment":
            case "deployment.environment.name": b.env(s); return true;
            case "service.version": b.version(s); return true;
            case "host.name": b.host(s); return true;
            default: return false;
        }
    }

    private static LogEvent mapRecord(LogEvent resource, Map<String, Object> resourceRest, String scope,
                                      LogRecord r, long nowMicros) {
        LogEvent.Builder b = resource.toBuilder();
        b.attributes(resourceRest);
        if (!scope.isEmpty()) {
            b.logger(scope);
        }
        long nanos = r.getTimeUnixNano() != 0 ? r.getTimeUnixNano() : r.getObservedTimeUnixNano();
        if (nanos < 0) {
            throw new IllegalArgumentException("time_unix_nano " + Long.toUnsignedString(nanos) + " is out of range");
        }
        b.tsMicros(nanos == 0 ? nowMicros : nanos / 1_000L);

        Level level = Level.fromOtlpSeverity(r.getSeverityNumberValue());
        if (level == null) {
            level = Level.parse(r.getSeverityText());
        }
        b.level(level == null ? Level.INFO : level);
        if (level == null && !r.getSeverityText().isEmpty()) {
            b.attribute("severity_text", r.getSeverityText());
        }

        if (r.hasBody()) {
            AnyValue body = r.getBody();
            if (body.getValueCase() == AnyValue.ValueCase.STRING_VALUE) {
                b.msg(body.getStringValue());
            } else {
                Object structured = OtlpAnyValues.toJava(body);
                b.msg(LogEventJson.valueToJson(structured));
                b.attribute("body", structured);
            }
        }
        if (!r.getEventName().isEmpty()) {
            b.attribute("event.name", r.getEventName());
        }
        String traceId = hexId(r.getTraceId());
        if (traceId != null) {
            b.traceId(traceId);
        }
        String spanId = hexId(r.getSpanId());
        if (spanId != null) {
            b.spanId(spanId);
        }

        Map<String, Object> attributes = OtlpAnyValues.toMap(r.getAttributesList());
        Object type = attributes.remove("exception.type");
        Object message = attributes.remove("exception.message");
        Object stack = attributes.remove("exception.stacktrace");
        if (type != null || message != null || stack != null) {
            b.error(new ErrorInfo(text(type), text(message), text(stack), null, null));
        }
        Object thread = attributes.get("thread.name");
        if (thread instanceof String) {
            attributes.remove("thread.name");
            b.thread((String) thread);
        }
        for (Map.Entry<String, Object> a : attributes.entrySet()) {
            b.removeAttribute(a.getKey()).attribute(a.getKey(), a.getValue());
        }
        return b.build();
    }

    /** Lower-case hex, or {@code null} for an absent or all-zero (invalid) id. */
    private static String hexId(ByteString id) {
        if (id.isEmpty()) {
            return null;
        }
        byte[] bytes = id.toByteArray();
        for (byte x : bytes) {
            if (x != 0) {
                return HEX.formatHex(bytes);
            }
        }
        return null;
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
