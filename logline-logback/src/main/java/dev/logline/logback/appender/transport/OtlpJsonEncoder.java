package dev.logline.logback.appender.transport;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.logline.core.ErrorInfo;
import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.core.Step;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes events as an OTLP/HTTP JSON {@code ExportLogsServiceRequest}: one {@code resourceLogs} per
 * service/env/version/host, one {@code scopeLogs} per logger, attributes by OpenTelemetry's semantic conventions
 * ({@code thread.name}, {@code exception.*}) and everything else under its own key.
 */
public final class OtlpJsonEncoder {

    private record Resource(String service, String env, String version, String host) {
    }

    private OtlpJsonEncoder() {
    }

    /** The request body for these events. */
    public static byte[] encode(List<LogEvent> events) {
        Map<Resource, Map<String, List<LogEvent>>> grouped = new LinkedHashMap<>();
        for (LogEvent e : events) {
            grouped.computeIfAbsent(new Resource(e.service(), e.env(), e.version(), e.host()),
                    r -> new LinkedHashMap<>())
                    .computeIfAbsent(Objects.requireNonNullElse(e.logger(), ""), l -> new java.util.ArrayList<>())
                    .add(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * events.size() + 64);
        try (JsonGenerator g = LogEventJson.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("resourceLogs");
            for (Map.Entry<Resource, Map<String, List<LogEvent>>> r : grouped.entrySet()) {
                g.writeStartObject();
                g.writeObjectFieldStart("resource");
                g.writeArrayFieldStart("attributes");
                Resource res = r.getKey();
                stringAttribute(g, "service.name", res.service());
                stringAttribute(g, "deployment.environment.name", res.env());
                stringAttribute(g, "service.version", res.version());
                stringAttribute(g, "host.name", res.host());
                g.writeEndArray();
                g.writeEndObject();
                g.writeArrayFieldStart("scopeLogs");
                for (Map.Entry<String, List<LogEvent>> s : r.getValue().entrySet()) {
                    g.writeStartObject();
                    g.writeObjectFieldStart("scope");
                    g.writeStringField("name", s.getKey());
                    g.writeEndObject();
                    g.writeArrayFieldStart("logRecords");
                    for (LogEvent e : s.getValue()) {
                        writeRecord(g, e);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory output does not fail
        }
        return out.toByteArray();
    }

    /** OTLP's severity number for a level (the first of each level's four numbers). */
    public static int severityNumber(Level level) {
        switch (level) {
            case TRACE: return 1;
            case DEBUG: return 5;
            case INFO: return 9;
            case WARN: return 13;
            case ERROR: return 17;
            default: return 21;
        }
    }

    private static void writeRecord(JsonGenerator g, LogEvent e) throws IOException {
        g.writeStartObject();
        String nanos = Long.toString(Math.multiplyExact(e.tsMicros(), 1000L));
        g.writeStringField("timeUnixNano", nanos);
        g.writeStringField("observedTimeUnixNano", nanos);
        g.writeNumberField("severityNumber", severityNumber(e.level()));
        g.writeStringField("severityText", e.level().name());
        if (e.msg() != null) {
            g.writeObjectFieldStart("body");
            g.writeStringField("stringValue", e.msg());
            g.writeEndObject();
        }
        if (e.traceId() != null) {
            g.writeStringField("traceId", e.traceId());
        }
        if (e.spanId() != null) {
            g.writeStringField("spanId", e.spanId());
        }
        g.writeArrayFieldStart("attributes");
        stringAttribute(g, "thread.name", e.thread());
        ErrorInfo error = e.error();
        if (error != null) {
            stringAttribute(g, "exception.type", error.type());
            stringAttribute(g, "exception.message", error.message());
            stringAttribute(g, "exception.stacktrace", error.stack());
        }
        if (e.durationMs() != null) {
            attribute(g, "duration_ms", e.durationMs());
        }
        if (!e.steps().isEmpty()) {
            List<Object> steps = new java.util.ArrayList<>();
            for (Step s : e.steps()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("t_ms", s.tMs());
                m.put("line", (long) s.line());
                m.put("msg", s.msg());
                steps.add(m);
            }
            attribute(g, "steps", steps);
        }
        stringAttribute(g, "tenant", e.tenant());
        for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
            attribute(g, a.getKey(), a.getValue());
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void stringAttribute(JsonGenerator g, String key, String value) throws IOException {
        if (value != null) {
            attribute(g, key, value);
        }
    }

    private static void attribute(JsonGenerator g, String key, Object value) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", key);
        g.writeFieldName("value");
        anyValue(g, value);
        g.writeEndObject();
    }

    private static void anyValue(JsonGenerator g, Object v) throws IOException {
        g.writeStartObject();
        if (v instanceof String || v == null) {
            g.writeStringField("stringValue", v == null ? "" : (String) v);
        } else if (v instanceof Boolean) {
            g.writeBooleanField("boolValue", (Boolean) v);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            // OTLP JSON writes 64-bit integers as strings.
            g.writeStringField("intValue", Long.toString(((Number) v).longValue()));
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumberField("doubleValue", d);
            } else {
                g.writeStringField("doubleValue", Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
            }
        } else if (v instanceof List) {
            g.writeObjectFieldStart("arrayValue");
            g.writeArrayFieldStart("values");
            for (Object o : (List<?>) v) {
                anyValue(g, o);
            }
            g.writeEndArray();
            g.writeEndObject();
        } else if (v instanceof Map) {
            g.writeObjectFieldStart("kvlistValue");
            g.writeArrayFieldStart("values");
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                attribute(g, String.valueOf(e.getKey()), e.getValue());
            }
            g.writeEndArray();
            g.writeEndObject();
        } else {
            g.writeStringField("stringValue", v.toString());
        }
        g.writeEndObject();
    }
}
