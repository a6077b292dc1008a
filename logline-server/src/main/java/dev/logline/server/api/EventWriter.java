package dev.logline.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.logline.core.EventFields;
import dev.logline.core.LogEventJson;
import dev.logline.core.Timestamps;
import dev.logline.store.StoredEvent;

import java.io.IOException;
import java.util.List;

/**
 * Writes a stored event as the API returns it: the event's Logline JSON with {@code _id} and {@code _size} first,
 * or, under a {@code fields} pipe, only {@code _id}, {@code _size} and the named fields.
 */
public final class EventWriter {

    private EventWriter() {
    }

    public static void write(JsonGenerator g, StoredEvent stored, List<String> fields) throws IOException {
        if (fields == null) {
            String json = LogEventJson.toJson(stored.event());
            StringBuilder b = new StringBuilder(json.length() + 48);
            b.append("{\"_id\":");
            appendQuoted(b, stored.id());
            b.append(",\"_size\":").append(stored.sizeBytes()).append(',').append(json, 1, json.length());
            g.writeRawValue(b.toString());
            return;
        }
        g.writeStartObject();
        g.writeStringField("_id", stored.id());
        g.writeNumberField("_size", stored.sizeBytes());
        for (String f : fields) {
            if (f.equals("_id") || f.equals("_size")) {
                continue;
            }
            g.writeFieldName(f);
            if (f.equals("ts")) {
                g.writeString(Timestamps.formatMicros(stored.event().tsMicros()));
            } else if (f.equals("steps")) {
                writeSteps(g, stored);
            } else if (f.equals("error") && stored.event().error() != null) {
                LogEventJson.writeError(g, stored.event().error());
            } else {
                LogEventJson.writeValue(g, EventFields.get(stored.event(), f));
            }
        }
        g.writeEndObject();
    }

    private static void writeSteps(JsonGenerator g, StoredEvent stored) throws IOException {
        g.writeStartArray();
        for (var s : stored.event().steps()) {
            g.writeStartObject();
            g.writeNumberField("t_ms", s.tMs());
            g.writeNumberField("dt_ms", s.dtMs());
            if (s.line() > 0) {
                g.writeNumberField("line", s.line());
            }
            if (s.msg() != null) {
                g.writeStringField("msg", s.msg());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void appendQuoted(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }
}
