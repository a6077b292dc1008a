package dev.logline.server.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.logline.core.EventNormalizer;
import dev.logline.core.JsonValues;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.core.MalformedEventException;

import java.io.IOException;
import java.util.Map;

/**
 * Reads one event from one JSON object (an NDJSON line, a bulk document), parsing it once; a text that is not one
 * is a {@link MalformedEventException} whose message says where and what is wrong in the sender's terms.
 */
public final class EventJsonReader {

    private EventJsonReader() {
    }

    /**
     * @param defaultTsMicros the time of an event that carries none (the time it arrived)
     * @throws MalformedEventException when the text is not one JSON object, or a reserved field is malformed
     */
    public static LogEvent read(byte[] utf8, int offset, int length, long defaultTsMicros) {
        Map<String, Object> fields;
        try (JsonParser p = LogEventJson.FACTORY.createParser(utf8, offset, length)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new MalformedEventException(null, "expected a JSON object, found " + describe(t));
            }
            fields = JsonValues.readObject(p);
            if (p.nextToken() != null) {
                throw new MalformedEventException(null, "unexpected content after the JSON object at column "
                        + p.currentTokenLocation().getColumnNr() + "; send one object per line");
            }
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(JsonSyntax.describe(e), e);
        } catch (IOException e) {
            throw new MalformedEventException("unreadable event: " + e.getMessage(), e);
        }
        return EventNormalizer.normalize(fields, defaultTsMicros);
    }

    /** The name of a JSON token as a sender would say it. */
    public static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "'" + t.asString() + "'";
        };
    }
}
