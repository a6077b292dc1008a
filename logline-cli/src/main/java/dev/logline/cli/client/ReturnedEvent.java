package dev.logline.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * An event as the API returns it, with its store id pulled out: the API may send the id inside the event
 * ({@code _id} or {@code id}) or wrap the event as {@code {"id": …, "event": {…}}}.
 *
 * @param id     the store's opaque id, or {@code null} when the server sent none
 * @param fields the event's JSON fields (ts, level, msg, service, attributes, …)
 */
public record ReturnedEvent(String id, ObjectNode fields) {

    /** Reads one element of an API {@code events} array. */
    public static ReturnedEvent of(JsonNode node) {
        if (!(node instanceof ObjectNode o)) {
            throw new IllegalArgumentException("an event must be a JSON object, got " + node);
        }
        if (o.get("event") instanceof ObjectNode inner) {
            return new ReturnedEvent(text(o, "id", "_id"), inner);
        }
        ObjectNode copy = o.deepCopy();
        String id = text(copy, "_id", null);
        // _id and _size describe the stored copy, not what the service logged.
        copy.remove("_id");
        copy.remove("_size");
        return new ReturnedEvent(id, copy);
    }

    private static String text(ObjectNode o, String name, String alternative) {
        JsonNode n = o.get(name);
        if ((n == null || n.isNull()) && alternative != null) {
            n = o.get(alternative);
        }
        return n == null || n.isNull() ? null : n.asText();
    }

    /** A top-level field as text, or {@code null}. */
    public String text(String name) {
        JsonNode n = fields.get(name);
        return n == null || n.isNull() ? null : n.asText();
    }

    /** The event time, or {@code null} when the event has no parseable {@code ts}. */
    public Instant time() {
        String ts = text("ts");
        if (ts == null) {
            return null;
        }
        try {
            return Instant.parse(ts);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether the event carries an error object or is logged at ERROR or FATAL. */
    public boolean isError() {
        String level = text("level");
        return fields.hasNonNull("error") || "ERROR".equalsIgnoreCase(level) || "FATAL".equalsIgnoreCase(level);
    }

    /** Fields other than the ones a log line shows in its fixed columns (and the tenant). */
    public Iterator<Map.Entry<String, JsonNode>> extraFields() {
        ObjectNode rest = fields.deepCopy();
        // tenant is implied by the key that asked; --json still prints it.
        for (String shown : new String[]{"ts", "level", "msg", "service", "tenant"}) {
            rest.remove(shown);
        }
        return rest.properties().iterator();
    }
}
