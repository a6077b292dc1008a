package dev.logline.bench.collectors;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.CodedOutputStream;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import org.xerial.snappy.Snappy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loki push bodies as Promtail and Loki4j send them: events grouped into streams by their labels
 * ({@code service_name}, {@code env}, {@code level}) and each line the event's JSON, as a service that logs JSON
 * ships it; in Loki's JSON form or as a snappy-compressed protobuf {@code PushRequest}.
 */
final class LokiPushBodies {

    private LokiPushBodies() {
    }

    /** {@code {"streams":[{"stream":{labels},"values":[["ns","line"],…]}]}}. */
    static byte[] json(List<LogEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 420);
        try (JsonGenerator g = LogEventJson.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("streams");
            for (Map.Entry<Map<String, String>, List<LogEvent>> stream : streams(events).entrySet()) {
                g.writeStartObject();
                g.writeObjectFieldStart("stream");
                for (Map.Entry<String, String> label : stream.getKey().entrySet()) {
                    g.writeStringField(label.getKey(), label.getValue());
                }
                g.writeEndObject();
                g.writeArrayFieldStart("values");
                for (LogEvent e : stream.getValue()) {
                    g.writeStartArray();
                    g.writeString(Long.toString(e.tsMicros() * 1_000L));
                    g.writeString(LogEventJson.toJson(e));
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** logproto.PushRequest in protobuf, in one snappy block (no Content-Encoding header, as Promtail does). */
    static byte[] protobufSnappy(List<LogEvent> events) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(events.size() * 400);
            CodedOutputStream out = CodedOutputStream.newInstance(buf);
            for (Map.Entry<Map<String, String>, List<LogEvent>> stream : streams(events).entrySet()) {
                out.writeByteArray(1, stream(stream.getKey(), stream.getValue()));
            }
            out.flush();
            return Snappy.compress(buf.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<Map<String, String>, List<LogEvent>> streams(List<LogEvent> events) {
        Map<Map<String, String>, List<LogEvent>> streams = new LinkedHashMap<>();
        for (LogEvent e : events) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("service_name", e.service() == null ? "unknown" : e.service());
            if (e.env() != null) {
                labels.put("env", e.env());
            }
            labels.put("level", e.level().name());
            streams.computeIfAbsent(labels, k -> new ArrayList<>()).add(e);
        }
        return streams;
    }

    private static byte[] stream(Map<String, String> labels, List<LogEvent> entries) throws IOException {
        StringBuilder text = new StringBuilder("{");
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(label.getKey()).append("=\"").append(label.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        String labelText = text.append('}').toString();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(buf);
        out.writeString(1, labelText);
        for (LogEvent e : entries) {
            out.writeByteArray(2, entry(e));
        }
        out.flush();
        return buf.toByteArray();
    }

    private static byte[] entry(LogEvent e) throws IOException {
        ByteArrayOutputStream ts = new ByteArrayOutputStream(16);
        CodedOutputStream tsOut = CodedOutputStream.newInstance(ts);
        tsOut.writeInt64(1, Math.floorDiv(e.tsMicros(), 1_000_000L));
        tsOut.writeInt32(2, (int) Math.floorMod(e.tsMicros(), 1_000_000L) * 1_000);
        tsOut.flush();
        ByteArrayOutputStream buf = new ByteArrayOutputStream(420);
        CodedOutputStream out = CodedOutputStream.newInstance(buf);
        out.writeByteArray(1, ts.toByteArray());
        out.writeString(2, LogEventJson.toJson(e));
        out.flush();
        return buf.toByteArray();
    }
}
