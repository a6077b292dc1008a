package dev.logline.server.collect.ndjson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.logline.core.EventNormalizer;
import dev.logline.core.JsonValues;
import dev.logline.core.LogEventJson;
import dev.logline.core.MalformedEventException;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.DecodedItem;
import dev.logline.server.ingest.EventJsonReader;
import dev.logline.server.ingest.JsonSyntax;

import java.io.IOException;
import java.util.Map;

/**
 * Reads the native ingest body: NDJSON (one event per line, blank lines ignored, {@code \r\n} tolerated) or one
 * JSON array of event objects. Every item is read alone, so one bad item never sinks the others; items carry the
 * 1-based line (NDJSON) or array position, and their size as received, which the sink checks against the limits.
 */
public final class NdjsonDecoder {

    private NdjsonDecoder() {
    }

    /**
     * Decodes a whole body.
     *
     * @param receivedMicros the arrival time, given to events that carry none
     */
    public static DecodedBatch decode(byte[] body, long receivedMicros) {
        int first = firstNonSpace(body, 0, body.length);
        if (first < body.length && body[first] == '[') {
            return decodeArray(body, receivedMicros);
        }
        DecodedBatch lines = decodeLines(body, receivedMicros);
        if (lines.items().isEmpty() && lines.rejected().size() > 1 && first < body.length && body[first] == '{') {
            // Every line failed, yet the body opens an object: one pretty-printed event, as curl users send.
            DecodedBatch.Builder one = new DecodedBatch.Builder();
            readOne(body, 0, body.length, 1, receivedMicros, one);
            if (!one.build().items().isEmpty()) {
                return one.build();
            }
        }
        return lines;
    }

    private static DecodedBatch decodeLines(byte[] body, long receivedMicros) {
        DecodedBatch.Builder batch = new DecodedBatch.Builder();
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
                readOne(body, start, stop - start, line, receivedMicros, batch);
            }
            start = end + 1;
        }
        return batch.build();
    }

    private static void readOne(byte[] body, int offset, int length, int item, long receivedMicros, DecodedBatch.Builder batch) {
        try {
            batch.add(new DecodedItem(item, EventJsonReader.read(body, offset, length, receivedMicros), length));
        } catch (MalformedEventException e) {
            batch.reject(item, e.getMessage());
        }
    }

    private static DecodedBatch decodeArray(byte[] body, long receivedMicros) {
        DecodedBatch.Builder batch = new DecodedBatch.Builder();
        int item = 0;
        int done = 0; // the last item decoded or rejected: a syntax error after it belongs to the next one
        try (JsonParser p = LogEventJson.FACTORY.createParser(body)) {
            p.nextToken(); // the '['
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    batch.reject(item + 1, "the JSON array is not closed; add the final ']'");
                    break;
                }
                item++;
                long startByte = p.currentTokenLocation().getByteOffset();
                if (t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    batch.reject(item, "expected a JSON object, found " + EventJsonReader.describe(t));
                    done = item;
                    continue;
                }
                Map<String, Object> fields = JsonValues.readObject(p);
                long size = p.currentLocation().getByteOffset() - startByte;
                try {
                    batch.add(new DecodedItem(item, EventNormalizer.normalize(fields, receivedMicros), size));
                } catch (MalformedEventException e) {
                    batch.reject(item, e.getMessage());
                }
                done = item;
            }
            if (t == JsonToken.END_ARRAY && p.nextToken() != null) {
                batch.reject(item + 1, "unexpected content after the JSON array");
            }
        } catch (JsonProcessingException e) {
            // Broken syntax cannot be resynchronised inside an array: keep what came before, report the rest.
            batch.reject(done == item ? item + 1 : item, JsonSyntax.describe(e) + "; items after it were not read");
        } catch (IOException e) {
            batch.reject(done == item ? item + 1 : item, "unreadable body; send UTF-8 JSON");
        }
        return batch.build();
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
