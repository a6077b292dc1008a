package dev.logline.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Field access by name, the one definition every part (query matching, indexing, UI) shares.
 *
 * <p>Reserved fields go by their wire names ({@code ts} is the epoch-micros {@link Long}, {@code level}
 * the level name); {@code error.type}, {@code error.message}, {@code error.hash} reach into the error;
 * nested attribute objects are reached by dotted paths ({@code http.status}), and a flat attribute key
 * that itself contains dots ({@code "http.status": 500}) answers to the same path.
 */
public final class EventFields {

    private EventFields() {
    }

    /** The value at a path, or {@code null} when the event has none. Lists are returned as lists. */
    public static Object get(LogEvent e, String path) {
        ReservedField reserved = ReservedField.of(path);
        if (reserved != null) {
            return reserved(e, reserved);
        }
        if (path.startsWith("error.") && e.error() != null) {
            switch (path) {
                case "error.type": return e.error().type();
                case "error.message": return e.error().message();
                case "error.stack": return e.error().stack();
                case "error.hash": return e.error().hash();
                default: return null;
            }
        }
        Map<String, Object> attrs = e.attributes();
        Object direct = attrs.get(path);
        if (direct != null || attrs.containsKey(path)) {
            return direct;
        }
        // Walk nested objects, trying every split so "a.b.c" finds {"a.b":{"c":1}} and {"a":{"b.c":1}} alike.
        return walk(attrs, path);
    }

    private static Object walk(Map<?, ?> map, String path) {
        int dot = path.indexOf('.');
        while (dot > 0) {
            Object head = map.get(path.substring(0, dot));
            if (head instanceof Map) {
                String rest = path.substring(dot + 1);
                Map<?, ?> nested = (Map<?, ?>) head;
                Object v = nested.get(rest);
                if (v != null) {
                    return v;
                }
                Object deeper = walk(nested, rest);
                if (deeper != null) {
                    return deeper;
                }
            }
            dot = path.indexOf('.', dot + 1);
        }
        return null;
    }

    private static Object reserved(LogEvent e, ReservedField f) {
        switch (f) {
            case TS: return e.tsMicros();
            case LEVEL: return e.level().name();
            case MSG: return e.msg();
            case SERVICE: return e.service();
            case ENV: return e.env();
            case VERSION: return e.version();
            case HOST: return e.host();
            case LOGGER: return e.logger();
            case THREAD: return e.thread();
            case TRACE_ID: return e.traceId();
            case SPAN_ID: return e.spanId();
            case ERROR: return e.error() == null ? null : e.error().type();
            case STEPS: return e.steps().isEmpty() ? null : (long) e.steps().size();
            case DURATION_MS: return e.durationMs();
            case TENANT: return e.tenant();
            default: throw new AssertionError(f);
        }
    }

    /**
     * Visits every leaf value of the event's attributes under its dotted path (lists visit each scalar element
     * under the list's path; a list of objects visits its objects' leaves), plus the error's fields.
     * Reserved scalar fields are not visited: callers handle them by name.
     */
    public static void forEachLeaf(LogEvent e, BiConsumer<String, Object> visitor) {
        for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
            leaves(a.getKey(), a.getValue(), visitor);
        }
        if (e.error() != null) {
            ErrorInfo err = e.error();
            if (err.type() != null) visitor.accept("error.type", err.type());
            if (err.message() != null) visitor.accept("error.message", err.message());
            if (err.hash() != null) visitor.accept("error.hash", err.hash());
        }
    }

    private static void leaves(String path, Object v, BiConsumer<String, Object> visitor) {
        if (v instanceof Map) {
            for (Map.Entry<?, ?> n : ((Map<?, ?>) v).entrySet()) {
                leaves(path + "." + n.getKey(), n.getValue(), visitor);
            }
        } else if (v instanceof List) {
            for (Object o : (List<?>) v) {
                leaves(path, o, visitor);
            }
        } else if (v != null) {
            visitor.accept(path, v);
        }
    }

    /** The attributes flattened to dotted paths (first value wins for repeated list elements). */
    public static Map<String, Object> flatten(LogEvent e) {
        Map<String, Object> out = new LinkedHashMap<>();
        forEachLeaf(e, out::putIfAbsent);
        return out;
    }
}
