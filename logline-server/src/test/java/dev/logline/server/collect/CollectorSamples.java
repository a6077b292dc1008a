package dev.logline.server.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.logline.core.fuzz.FuzzCorpus;
import dev.logline.server.collect.loki.PromtailPushEncoder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Well-formed bodies of every ingest protocol, the seeds the fuzzers mutate: built from the fixtures' shapes (nested
 * attributes, JSON inside messages, escapes, non-ASCII, every timestamp form) around real log lines from the shared
 * corpora when they are present.
 */
public final class CollectorSamples {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NOW_NANOS = 1_763_805_600_123_456_789L;

    /** Messages every format carries; the corpus adds a few lines of each LogHub system. */
    public static final List<String> MESSAGES = messages();

    private CollectorSamples() {
    }

    private static List<String> messages() {
        List<String> m = new ArrayList<>(List.of(
                "payment declined",
                "{\"level\":50,\"msg\":\"nested json\",\"order_id\":\"ORD987\"}",
                "tab\there, quote \" backslash \\ and newline\nsecond line",
                "Überweisung fehlgeschlagen — 支付失败 🚨",
                "GET /api/orders?id=42&token=abc 500 12ms",
                "java.lang.IllegalStateException: boom\n\tat shop.Checkout.pay(Checkout.java:42)",
                ""));
        m.addAll(FuzzCorpus.loghubLines());
        return List.copyOf(m);
    }

    private static List<List<String>> groups() {
        List<List<String>> g = new ArrayList<>();
        for (int i = 0; i < MESSAGES.size(); i += 3) {
            g.add(MESSAGES.subList(i, Math.min(MESSAGES.size(), i + 3)));
        }
        return g;
    }

    private static Map<String, Object> event(String msg, int i) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("ts", switch (i % 4) {
            case 0 -> "2025-11-22T10:00:00.123456Z";
            case 1 -> 1763805600123L;
            case 2 -> "2025-11-22 10:00:00,123";
            default -> 1763805600.5;
        });
        e.put("level", List.of("ERROR", "info", "WARN", "50").get(i % 4));
        e.put("service", "checkout");
        e.put("msg", msg);
        e.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        e.put("http", Map.of("status", 500 + i, "path", "/pay"));
        e.put("tags", List.of("a", i, true));
        return e;
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Native ingest: NDJSON (with blank lines and CRLF) and JSON arrays. */
    public static List<byte[]> ndjson() {
        List<byte[]> out = new ArrayList<>();
        for (List<String> g : groups()) {
            StringBuilder lines = new StringBuilder();
            List<Object> array = new ArrayList<>();
            for (int i = 0; i < g.size(); i++) {
                lines.append(new String(json(event(g.get(i), i)), StandardCharsets.UTF_8)).append(i == 1 ? "\r\n\n" : "\n");
                array.add(event(g.get(i), i + 1));
            }
            out.add(lines.toString().getBytes(StandardCharsets.UTF_8));
            out.add(json(array));
        }
        return out;
    }

    /** Elasticsearch {@code _bulk}: index and create actions with metadata, blank lines between items, a delete. */
    public static List<byte[]> esBulk() {
        List<byte[]> out = new ArrayList<>();
        for (List<String> g : groups()) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < g.size(); i++) {
                b.append(i % 2 == 0 ? "{\"index\":{\"_index\":\"logs-2025\",\"_id\":\"" + i + "\"}}\n" : "{\"create\":{}}\n\n");
                b.append(new String(json(event(g.get(i), i)), StandardCharsets.UTF_8)).append('\n');
            }
            b.append("{\"delete\":{\"_index\":\"logs\",\"_id\":\"1\"}}\n");
            out.add(b.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Loki's JSON push: labelled streams, entries with and without structured metadata. */
    public static List<byte[]> lokiJson() {
        List<byte[]> out = new ArrayList<>();
        for (List<String> g : groups()) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < g.size(); i++) {
                values.add(i % 2 == 0 ? List.of(Long.toString(NOW_NANOS + i), g.get(i))
                        : List.of(Long.toString(NOW_NANOS + i), g.get(i), Map.of("trace_id", "4bf92f3577b34da6")));
            }
            out.add(json(Map.of("streams", List.of(
                    Map.of("stream", Map.of("job", "varlogs", "level", "error", "service_name", "billing"), "values", values),
                    Map.of("stream", Map.of("app", "x"), "values", List.of(List.of(Long.toString(NOW_NANOS), "one")))))));
        }
        return out;
    }

    /** Loki's protobuf push as Promtail builds it, before snappy. */
    public static List<byte[]> lokiProtobuf() {
        List<byte[]> out = new ArrayList<>();
        for (List<String> g : groups()) {
            PromtailPushEncoder push = new PromtailPushEncoder().stream("{job=\"varlogs\", host=\"node-1\", level=\"warn\"}");
            for (int i = 0; i < g.size(); i++) {
                push.entry(1_763_805_600L + i, 123_000_000, g.get(i), i % 2 == 0 ? Map.of() : Map.of("trace_id", "abc"));
            }
            push.stream("{app=\"x\"}").entry(1_763_805_600L, 0, "one");
            out.add(push.protobuf());
        }
        return out;
    }

    /** OTLP export requests: resource and scope, typed and nested attributes, ids, severities. */
    public static List<ExportLogsServiceRequest> otlpRequests() {
        List<ExportLogsServiceRequest> out = new ArrayList<>();
        for (List<String> g : groups()) {
            ScopeLogs.Builder scope = ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder().setName("shop.pay"));
            for (int i = 0; i < g.size(); i++) {
                scope.addLogRecords(LogRecord.newBuilder()
                        .setTimeUnixNano(NOW_NANOS + i)
                        .setSeverityNumberValue(1 + i * 8)
                        .setSeverityText("WARN")
                        .setBody(AnyValue.newBuilder().setStringValue(g.get(i)))
                        .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex("4bf92f3577b34da6a3ce929d0e0e4736")))
                        .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("00f067aa0ba902b7")))
                        .addAttributes(kv("count", AnyValue.newBuilder().setIntValue(i).build()))
                        .addAttributes(kv("ratio", AnyValue.newBuilder().setDoubleValue(0.25).build()))
                        .addAttributes(kv("tags", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                                .addValues(str("a")).addValues(AnyValue.newBuilder().setBoolValue(true))).build()))
                        .addAttributes(kv("http", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                                .addValues(kv("status", AnyValue.newBuilder().setIntValue(500).build()))).build())));
            }
            out.add(ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                    .setResource(Resource.newBuilder().addAttributes(kv("service.name", str("purchasing")))
                            .addAttributes(kv("host.name", str("node-1"))))
                    .addScopeLogs(scope)).build());
        }
        return out;
    }

    /** OTLP/HTTP protobuf bodies. */
    public static List<byte[]> otlpProtobuf() {
        return otlpRequests().stream().map(ExportLogsServiceRequest::toByteArray).toList();
    }

    /** OTLP/JSON bodies, ids in hex as the specification asks. */
    public static List<byte[]> otlpJson() {
        List<byte[]> out = new ArrayList<>();
        for (List<String> g : groups()) {
            List<Object> records = new ArrayList<>();
            for (int i = 0; i < g.size(); i++) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("timeUnixNano", Long.toString(NOW_NANOS + i));
                r.put("severityNumber", 9 + i);
                r.put("severityText", "INFO");
                r.put("body", Map.of("stringValue", g.get(i)));
                r.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
                r.put("spanId", "00f067aa0ba902b7");
                r.put("attributes", List.of(Map.of("key", "count", "value", Map.of("intValue", "3")),
                        Map.of("key", "nested", "value", Map.of("kvlistValue", Map.of("values",
                                List.of(Map.of("key", "k", "value", Map.of("doubleValue", 1.5))))))));
                records.add(r);
            }
            out.add(json(Map.of("resourceLogs", List.of(Map.of(
                    "resource", Map.of("attributes", List.of(Map.of("key", "service.name", "value",
                            Map.of("stringValue", "purchasing")))),
                    "scopeLogs", List.of(Map.of("scope", Map.of("name", "shop"), "logRecords", records)))))));
        }
        return out;
    }

    /** Syslog messages without framing: RFC 5424 with structured data, RFC 3164, PRI-less relay lines. */
    public static List<String> syslog() {
        List<String> out = new ArrayList<>(List.of(
                "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" "
                        + "eventSource=\"Application\" eventID=\"1011\"] BOMAn application event log entry...",
                "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - 'su root' failed for lonvick on /dev/pts/8",
                "<13>1 2025-11-22T10:00:00.123456+01:00 host app 123 - [a@1 x=\"y\\]z\"][b@2] msg",
                "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
                "<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!",
                "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure"));
        for (String line : FuzzCorpus.loghubLines()) {
            out.add("<" + (line.length() % 192) + ">" + line);
        }
        return out;
    }

    private static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    private static AnyValue str(String s) {
        return AnyValue.newBuilder().setStringValue(s).build();
    }
}
