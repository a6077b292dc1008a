package dev.logline.core;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a decoded JSON object, in any peer's field names, into a {@link LogEvent}: reserved names are read,
 * {@link FieldAliases aliases} are mapped onto them, and everything else becomes a typed attribute.
 */
public final class EventNormalizer {

    /** Attribute that keeps a level text no scheme recognised, so it is not lost. */
    public static final String RAW_LEVEL = "level_raw";

    private EventNormalizer() {
    }

    /**
     * Normalises one event.
     *
     * @param fields          the event's fields, as {@link JsonValues} reads them
     * @param defaultTsMicros the time to use when the event carries none (usually the time it was received)
     * @throws MalformedEventException naming the field when a reserved field has a value of the wrong shape
     */
    public static LogEvent normalize(Map<String, Object> fields, long defaultTsMicros) {
        Map<ReservedField, Object> reserved = new EnumMap<>(ReservedField.class);
        Map<ReservedField, Object> aliased = new EnumMap<>(ReservedField.class);
        Map<ReservedField, String> aliasNames = new EnumMap<>(ReservedField.class);
        Map<String, Object> attributes = new LinkedHashMap<>();

        for (Map.Entry<String, Object> e : fields.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            ReservedField field = ReservedField.of(key);
            if (value instanceof Map && FieldAliases.isObjectPrefix(key) && !isStructuredReserved(field)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = new LinkedHashMap<>((Map<String, Object>) value);
                for (Iterator<Map.Entry<String, Object>> it = nested.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<String, Object> n = it.next();
                    String dotted = key + "." + n.getKey();
                    ReservedField target = FieldAliases.resolve(dotted);
                    if (target != null && isScalar(n.getValue()) && !aliased.containsKey(target)) {
                        aliased.put(target, n.getValue());
                        aliasNames.put(target, dotted);
                        it.remove();
                    }
                }
                if (nested.isEmpty()) {
                    continue;
                }
                if (field != null) {
                    // A reserved name cannot hold an object: keep what is left under dotted names.
                    nested.forEach((k, v) -> attributes.put(key + "." + k, v));
                    continue;
                }
                value = nested;
            }
            if (field != null) {
                reserved.put(field, value);
                continue;
            }
            ReservedField target = FieldAliases.resolve(key);
            // A message may be structured (OTLP's body), but an object under "log" is ECS's log.* group, not a message.
            boolean messageObject = target == ReservedField.MSG && !FieldAliases.isObjectPrefix(key);
            if (target != null && !aliased.containsKey(target) && (isScalar(value) || messageObject)) {
                aliased.put(target, value);
                aliasNames.put(target, key);
                continue;
            }
            attributes.put(key, value);
        }
        // An alias only counts when its reserved name is absent; otherwise it stays an attribute.
        for (Map.Entry<ReservedField, Object> a : aliased.entrySet()) {
            if (reserved.containsKey(a.getKey())) {
                attributes.put(aliasNames.get(a.getKey()), a.getValue());
            } else {
                reserved.put(a.getKey(), a.getValue());
            }
        }
        return build(reserved, attributes, defaultTsMicros);
    }

    private static boolean isStructuredReserved(ReservedField field) {
        return field == ReservedField.ERROR || field == ReservedField.STEPS;
    }

    private static boolean isScalar(Object v) {
        return !(v instanceof Map) && !(v instanceof List);
    }

    private static LogEvent build(Map<ReservedField, Object> reserved, Map<String, Object> attributes, long defaultTs) {
        LogEvent.Builder b = LogEvent.builder();
        b.tsMicros(defaultTs);
        for (Map.Entry<ReservedField, Object> e : reserved.entrySet()) {
            ReservedField f = e.getKey();
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            switch (f) {
                case TS:
                    try {
                        b.tsMicros(Timestamps.parseMicros(v));
                    } catch (IllegalArgumentException | ArithmeticException ex) {
                        throw new MalformedEventException("ts", ex.getMessage());
                    }
                    break;
                case LEVEL: {
                    Level level = v instanceof Number ? Level.fromNumber(((Number) v).longValue()) : Level.parse(text(v));
                    if (level == null) {
                        attributes.put(RAW_LEVEL, v);
                        level = Level.INFO;
                    }
                    b.level(level);
                    break;
                }
                case MSG: b.msg(text(v)); break;
                case SERVICE: b.service(text(v)); break;
                case ENV: b.env(text(v)); break;
                case VERSION: b.version(text(v)); break;
                case HOST: b.host(text(v)); break;
                case LOGGER: b.logger(text(v)); break;
                case THREAD: b.thread(text(v)); break;
                case TRACE_ID: b.traceId(text(v)); break;
                case SPAN_ID: b.spanId(text(v)); break;
                case TENANT: b.tenant(text(v)); break;
                case DURATION_MS:
                    b.durationMs(number(v, "duration_ms"));
                    break;
                case ERROR:
                    b.error(error(v, "error"));
                    break;
                case STEPS:
                    b.steps(steps(v));
                    break;
                default:
                    throw new AssertionError(f);
            }
        }
        return b.attributes(attributes).build();
    }

    private static String text(Object v) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof Map || v instanceof List) {
            return LogEventJson.valueToJson(v);
        }
        return v.toString();
    }

    private static Double number(Object v, String field) {
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof String) {
            try {
                return Double.parseDouble((String) v);
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new MalformedEventException(field, "expected a number, found " + text(v));
    }

    private static ErrorInfo error(Object v, String field) {
        if (v instanceof String) {
            return new ErrorInfo(null, (String) v);
        }
        if (!(v instanceof Map)) {
            throw new MalformedEventException(field, "expected an object with type, message and stack");
        }
        Map<?, ?> m = (Map<?, ?>) v;
        Object cause = m.get("cause");
        Object stack = m.containsKey("stack") ? m.get("stack") : m.get("stack_trace");
        return new ErrorInfo(
                text(m.containsKey("type") ? m.get("type") : m.get("class")),
                text(m.get("message")),
                text(stack),
                text(m.get("hash")),
                cause == null ? null : error(cause, field + ".cause"));
    }

    private static List<Step> steps(Object v) {
        if (!(v instanceof List)) {
            throw new MalformedEventException("steps", "expected an array of {t_ms, dt_ms, line, msg}");
        }
        List<Step> steps = new ArrayList<>();
        int i = 0;
        for (Object o : (List<?>) v) {
            if (!(o instanceof Map)) {
                throw new MalformedEventException("steps[" + i + "]", "expected an object");
            }
            Map<?, ?> m = (Map<?, ?>) o;
            double t = m.get("t_ms") == null ? 0 : number(m.get("t_ms"), "steps[" + i + "].t_ms");
            double dt = m.get("dt_ms") == null ? 0 : number(m.get("dt_ms"), "steps[" + i + "].dt_ms");
            int line = m.get("line") == null ? 0 : number(m.get("line"), "steps[" + i + "].line").intValue();
            steps.add(new Step(t, dt, line, text(m.get("msg"))));
            i++;
        }
        return steps;
    }
}
