package dev.logline.server.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.query.LqlParser;
import dev.logline.query.LqlSyntaxException;
import dev.logline.query.Query;
import dev.logline.server.api.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the fields document bodies share — text, whole numbers, LQL queries, time ranges — and says precisely what
 * is wrong with one ({@link InvalidDocumentException} naming the field, such as {@code panels[2].time}).
 */
public final class DocumentFields {

    private DocumentFields() {
    }

    /** Refuses keys outside {@code keys}, so a typo is an error rather than a setting silently ignored. */
    public static void known(JsonNode o, Set<String> keys, String where) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                throw new InvalidDocumentException(where.isEmpty() ? k : where + "." + k, "unknown key; "
                        + (where.isEmpty() ? "the document" : where) + " may hold " + new TreeSet<>(keys));
            }
        }
    }

    /** A text field of 1 to {@code max} characters, or {@code null} when optional and absent. */
    public static String text(ObjectNode o, String key, String where, boolean required, int max) {
        JsonNode v = o.get(key);
        String field = path(where, key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InvalidDocumentException(field, "is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidDocumentException(field, "must be text");
        }
        String s = v.asText();
        if (required && s.isBlank()) {
            throw new InvalidDocumentException(field, "must not be empty");
        }
        if (s.length() > max) {
            throw new InvalidDocumentException(field, "is longer than " + max + " characters");
        }
        return s;
    }

    /** A whole number in {@code [min, max]}, or {@code otherwise} when absent. */
    public static int integer(ObjectNode o, String key, String where, int min, int max, int otherwise) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        String field = path(where, key);
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw new InvalidDocumentException(field, "must be a whole number from " + min + " to " + max
                    + ", was " + v);
        }
        return v.asInt();
    }

    /** An LQL query, parsed; a syntax error names the field and its column. */
    public static Query query(ObjectNode o, String key, String where) {
        String text = text(o, key, where, true, 65_536);
        try {
            return LqlParser.parse(text);
        } catch (LqlSyntaxException e) {
            throw new InvalidDocumentException(path(where, key), e.getMessage(), e.column());
        }
    }

    /**
     * A time range {@code {"last": "24h"}} or {@code {"from": …, "to": …}} (as the query API reads them); returns
     * a clean copy, or {@code null} when absent.
     */
    public static ObjectNode time(ObjectNode o, String key, String where) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        String field = path(where, key);
        if (!(v instanceof ObjectNode t)) {
            throw new InvalidDocumentException(field, "must be {\"last\": \"1h\"} or {\"from\": \"2026-11-22T10:00:00Z\", "
                    + "\"to\": \"2026-11-22T11:00:00Z\"}");
        }
        known(t, Set.of("last", "from", "to"), field);
        String last = text(t, "last", field, false, 40);
        String from = text(t, "from", field, false, 40);
        String to = text(t, "to", field, false, 40);
        if (last == null && from == null) {
            throw new InvalidDocumentException(field, "needs 'last' (such as \"1h\") or 'from'");
        }
        try {
            TimeRange.of(from, to, last, Instant.now(), Duration.ofHours(1));
        } catch (IllegalArgumentException e) {
            throw new InvalidDocumentException(field, e.getMessage());
        }
        return t.deepCopy();
    }

    /** A duration such as {@code 30s}, {@code 5m}, at least {@code min}; {@code null} when absent. */
    public static String duration(ObjectNode o, String key, String where, Duration min) {
        String text = text(o, key, where, false, 20);
        if (text == null) {
            return null;
        }
        Duration d;
        try {
            d = TimeRange.duration(key, text);
        } catch (IllegalArgumentException e) {
            throw new InvalidDocumentException(path(where, key), e.getMessage());
        }
        if (d.compareTo(min) < 0) {
            throw new InvalidDocumentException(path(where, key), "must be at least " + min.toSeconds() + "s, was "
                    + text);
        }
        return text;
    }

    /** {@code where.key}, or {@code key} at the top. */
    public static String path(String where, String key) {
        return where.isEmpty() ? key : where + "." + key;
    }
}
