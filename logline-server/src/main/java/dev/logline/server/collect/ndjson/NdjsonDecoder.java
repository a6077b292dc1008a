package dev.logline.server.collect.ndjson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.logline.core.EventNormalizer;
import dev.logline.core.JsonValues;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.core.MalformedEventException;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.EventCheck;
import dev.logline.server.ingest.IngestLimits;
import dev.logline.server.ingest.Rejection;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the native ingest body: NDJSON (one event per line, blank lines ignored, {@code \r\n} tolerated) or one
 * JSON array of event objects. Every item is read and checked alone, so one bad item never sinks the others;
 * rejections carry the 1-based line (NDJSON) or array position.
 */
public final class NdjsonDecoder {

    private final IngestLimits limits;
    private final EventCheck check;

    /**
     * @param limits the limits, of which the event size is checked before parsing
     * @param check  every other per-event rule, applied to each parsed event
     */
    public NdjsonDecoder(IngestLimits limits, EventCheck check) {
        this.limits = limits;
        this.check = check;
    }

    /**
     * Decodes a whole body.
     *
     * @param receivedMicros the arrival time, given to events that carry none and used for the future-time limit
     */
    public DecodedBatch decode(byte[] body, long receivedMicros) {
        int first = firstNonSpace(body, 0, body.length);
        if (first < body.length && body[first] == '[') {
            return decodeArray(body, receivedMicros);
        }
        DecodedBatch lines = decodeLines(body, receivedMicros);
        if (lines.events().isEmpty() && lines.rejected().size() > 1 && first < body.length && body[first] == '{') {
            // Every line failed, yet the body opens an object: one pretty-printed event, as curl users send.
            List<LogEvent> events = new ArrayList<>();
            List<Rejection> rejected = new ArrayList<>();
            readOne(body, 0, body.length, 1, receivedMicros, events, rejected);
            if (!events.isEmpty()) {
                return new DecodedBatch(events, rejected);
            }
        }
        return lines;
    }

    private DecodedBatch decodeLines(byte[] body, long receivedMicros) {
        List<LogEvent> events = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        int line = 0;
        int start = 0;
        while (start < body.length) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            line++;
            int stop = end;
            if (stop > start && body[stop - 1] == '\r') {
                stop--;
            }
            if (firstNonSpace(body, start, stop) < stop) {
                readOne(body, start, stop - start, line, receivedMicros, events, rejected);
            }
            start = end + 1;
        }
        return new DecodedBatch(events, rejected);
    }

    private void readOne(byte[] body, int offset, int length, int item, long receivedMicros,
                         List<LogEvent> events, List<Rejection> rejected) {
        if (length > limits.maxEventBytes()) {
            // Checked before parsing: an oversized line is refused without spending time on it.
            rejected.add(new Rejection(item, "event is " + length + " bytes, over the limit of "
                    + limits.maxEventBytes() + " bytes; split it or raise maxEventBytes"));
            return;
        }
        try {
            keep(LogEventJson.parse(body, offset, length, receivedMicros), length, item, events, rejected);
        } catch (MalformedEventException e) {
            rejected.add(new Rejection(item, e.getMessage()));
        }
    }

    /** Keeps a read event, or rejects it as item {@code item} when it breaks a limit. */
    private void keep(LogEvent e, long sizeBytes, int item, List<LogEvent> events, List<Rejection> rejected) {
        String violation = check.violation(e, sizeBytes);
        if (violation != null) {
            rejected.add(new Rejection(item, violation));
        } else {
            events.add(e);
        }
    }

    private DecodedBatch decodeArray(byte[] body, long receivedMicros) {
        List<LogEvent> events = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        int item = 0;
        try (JsonParser p = LogEventJson.FACTORY.createParser(body)) {
            p.nextToken(); // the '['
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    rejected.add(new Rejection(item + 1, "the JSON array is not closed; add the final ']'"));
                    break;
                }
                item++;
                long startByte = p.currentTokenLocation().getByteOffset();
                if (t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    rejected.add(new Rejection(item, "expected a JSON object, found " + describe(t)));
                    continue;
                }
                Map<String, Object> fields = JsonValues.readObject(p);
                long size = p.currentLocation().getByteOffset() - startByte;
                try {
                    keep(EventNormalizer.normalize(fields, receivedMicros), size, item, events, rejected);
                } catch (MalformedEventException e) {
                    rejected.add(new Rejection(item, e.getMessage()));
                }
            }
            if (t == JsonToken.END_ARRAY && p.nextToken() != null) {
                rejected.add(new Rejection(item + 1, "unexpected content after the JSON array"));
            }
        } catch (JsonProcessingException e) {
            // Broken syntax cannot be resynchronised inside an array: keep what came before, report the rest.
            rejected.add(new Rejection(Math.max(1, item), "invalid JSON at line " + e.getLocation().getLineNr()
                    + " column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage()
                    + "; items after it were not read"));
        } catch (IOException e) {
            rejected.add(new Rejection(Math.max(1, item), "unreadable body: " + e.getMessage()));
        }
        return new DecodedBatch(events, rejected);
    }

    private static String describe(JsonToken t) {
        switch (t) {
            case START_ARRAY: return "an array";
            case VALUE_STRING: return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: return "a number";
            case VALUE_NULL: return "null";
            default: return "a " + t.name().toLowerCase(java.util.Locale.ROOT).replace("value_", "");
        }
    }

    private static int firstNonSpace(byte[] b, int from, int to) {
        int i = from;
        while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n' || (b[i] == (byte) 0xEF && i == 0))) {
            // A UTF-8 byte order mark (EF BB BF) at the very start counts as space.
            i += b[i] == (byte) 0xEF ? 3 : 1;
        }
        return Math.min(i, to);
    }
}
