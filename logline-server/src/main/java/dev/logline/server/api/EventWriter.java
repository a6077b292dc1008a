package dev.logline.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.logline.core.EventFields;
import dev.logline.core.LogEventJson;
import dev.logline.core.Timestamps;
import dev.logline.store.StoredEvent;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

/**
 * Writes a stored event as the API returns it: the event's Logline JSON with {@code _id} and {@code _size} first,
 * or, under a {@code fields} pipe, only {@code _id}, {@code _size} and the named fields.
 */
public final class EventWriter {

    private EventWriter() {
    }

    public static void write(JsonGenerator g, StoredEvent stored, List<String> fields) throws IOException {
        write(g, stored, fields, f -> true);
    }

    /**
     * The whole event with its place in a transaction after {@code _id} and {@code _size}: {@code _offset_ms} from
     * the transaction's start to the event's start, {@code _end_offset_ms} to its end (see {@code TraceView}).
     */
    static void writeOnTimeline(JsonGenerator g, StoredEvent stored, double offsetMs, double endOffsetMs)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("_id", stored.id());
        g.writeNumberField("_size", stored.sizeBytes());
        g.writeNumberField("_offset_ms", offsetMs);
        g.writeNumberField("_end_offset_ms", endOffsetMs);
        LogEventJson.writeFields(stored.event(), g);
        g.writeEndObject();
    }

    /**
     * Like {@link #write(JsonGenerator, StoredEvent, List)}; a field of {@code fields} that {@code visible} denies
     * (an earlier {@code fields} pipe hid it) is written as {@code null}.
     */
    public static void write(JsonGenerator g, StoredEvent stored, List<String> fields, Predicate<String> visible)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("_id", stored.id());
        g.writeNumberField("_size", stored.sizeBytes());
        if (fields == null) {
            LogEventJson.writeFields(stored.event(), g);
            g.writeEndObject();
            return;
        }
        for (String f : fields) {
            if (f.equals("_id") || f.equals("_size")) {
                continue;
            }
            g.writeFieldName(f);
            if (!visible.test(f)) {
                g.writeNull();
            } else if (f.equals("ts")) {
                g.writeString(Timestamps.formatMicros(stored.event().tsMicros()));
            } else if (f.equals("steps")) {
                LogEventJson.writeSteps(g, stored.event().steps());
            } else if (f.equals("error") && stored.event().error() != null) {
                LogEventJson.writeError(g, stored.event().error());
            } else {
                LogEventJson.writeValue(g, EventFields.get(stored.event(), f));
            }
        }
        g.writeEndObject();
    }
}
