package dev.logline.server.collect.loki;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.logline.core.EventNormalizer;
import dev.logline.core.JsonValues;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.core.MalformedEventException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns one Loki entry (stream labels, timestamp, line, structured metadata) into a {@link LogEvent}.
 *
 * <p>A line that is itself a JSON object is read as an event in any peer's field names (pino, logstash,
 * our encoder); any other line becomes the message. Labels and structured metadata are added as fields
 * the line does not already carry, so the aliases map {@code service_name}/{@code app}/{@code job} onto
 * {@code service} and {@code level}/{@code detected_level} onto {@code level}.
 */
public final class LokiEntryMapper {

    private LokiEntryMapper() {
    }

    /**
     * Maps one entry.
     *
     * @param labels   the stream's labels
     * @param tsNanos  the entry's time in nanoseconds since the epoch
     * @param line     the log line
     * @param metadata the entry's structured metadata (may be empty)
     * @throws MalformedEventException when the line is a JSON event with a reserved field of the wrong shape
     */
    public static LogEvent map(Map<String, String> labels, long tsNanos, String line, Map<String, String> metadata) {
        Map<String, Object> fields = parseJsonLine(line);
        if (fields == null) {
            fields = new LinkedHashMap<>();
            fields.put("msg", line);
        }
        for (Map.Entry<String, String> m : metadata.entrySet()) {
            fields.putIfAbsent(m.getKey(), m.getValue());
        }
        for (Map.Entry<String, String> l : labels.entrySet()) {
            fields.putIfAbsent(labelField(l.getKey(), labels), l.getValue());
        }
        return EventNormalizer.normalize(fields, Math.floorDiv(tsNanos, 1_000L));
    }

    /**
     * Labels whose names are Loki conventions rather than aliases every peer shares: {@code detected_level}
     * (Loki 3's guess) is a level unless a {@code level} label is present, and {@code job} (Promtail's usual
     * label) names the service unless a more specific label does.
     */
    private static String labelField(String name, Map<String, String> labels) {
        if (name.equals("detected_level") && !labels.containsKey("level")) {
            return "level";
        }
        if (name.equals("job") && !labels.containsKey("service_name") && !labels.containsKey("app")
                && !labels.containsKey("service")) {
            return "service";
        }
        return name;
    }

    /** The line's fields when it is one JSON object and nothing else, otherwise {@code null}. */
    private static Map<String, Object> parseJsonLine(String line) {
        int start = 0;
        while (start < line.length() && Character.isWhitespace(line.charAt(start))) {
            start++;
        }
        if (start >= line.length() || line.charAt(start) != '{') {
            return null;
        }
        try (JsonParser p = LogEventJson.FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, Object> fields = JsonValues.readObject(p);
            return p.nextToken() == null ? fields : null;
        } catch (IOException e) {
            // Not JSON after all (a line that merely starts with '{'): it is kept as text.
            return null;
        }
    }
}
