package dev.logline.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a decoded JSON object, in any peer's field names, into a {@link LogEvent}: reserved names are read,
 * {@link FieldAliases aliases} are mapped onto them, the JSON of popular loggers (structlog, loguru,
 * python-json-logger, pino, bunyan, Serilog CLEF, zap, zerolog, slog, tracing, logstash, ECS) is read by
 * {@link LoggerFormats}, and everything else becomes a typed attribute. One pass over the fields.
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
        EventDraft draft = new EventDraft();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            draft.put(e.getKey(), e.getValue());
        }
        LoggerFormats.finish(draft);
        return build(draft.resolve(), draft, defaultTsMicros);
    }

    private static LogEvent build(Object[] reserved, EventDraft draft, long defaultTs) {
        Map<String, Object> attributes = draft.attributes;
        LogEvent.Builder b = LogEvent.builder();
        b.tsMicros(defaultTs);
        ErrorInfo error = null;
        for (ReservedField f : ReservedField.values()) {
            Object v = reserved[f.ordinal()];
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
                case LEVEL:
                    b.level(level(v, draft, attributes));
                    break;
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
                    error = error(v, "error");
                    break;
                case STEPS:
                    b.steps(steps(v));
                    break;
                default:
                    throw new AssertionError(f);
            }
        }
        b.error(mergeErrors(error, draft, attributes));
        return b.adoptAttributes(attributes).build();
    }

    /**
     * The event's own {@code error} first; else the error a logger format wrote in its fields. A stack given on
     * its own (zap's {@code stacktrace}) completes whichever error there is, or stands alone. What is not used
     * stays an attribute under its own name.
     */
    private static ErrorInfo mergeErrors(ErrorInfo own, EventDraft draft, Map<String, Object> attributes) {
        ErrorInfo error = own;
        if (draft.formatError != null) {
            if (error == null) {
                error = draft.formatError;
            } else {
                attributes.putAll(draft.formatErrorOriginals);
            }
        }
        if (draft.stack != null) {
            if (error == null) {
                error = new ErrorInfo(null, null, draft.stack, null, null);
            } else if (error.stack() == null) {
                error = new ErrorInfo(error.type(), error.message(), draft.stack, error.hash(), error.cause());
            } else {
                attributes.put(draft.stackKey, draft.stack);
            }
        }
        if (error != null && error.cause() == null && error.stack() != null && error.stack().contains("Caused by: ")) {
            // A Java stack written as text (ECS's error.stack_trace, logstash's stack_trace) names the causes.
            ErrorInfo read = ErrorText.of(error.stack());
            error = new ErrorInfo(error.type(), error.message(), error.stack(), error.hash(), read.cause());
        }
        return error;
    }

    /**
     * A level as peers write it: a name ({@link Level#parse}), a number (pino/bunyan, OpenTelemetry), Go slog's
     * offsets ({@code INFO+2}, {@code ERROR-4}) and loguru's custom levels (by their number). A text read only in
     * part, or not at all (then INFO), is kept in {@link #RAW_LEVEL}.
     */
    private static Level level(Object v, EventDraft draft, Map<String, Object> attributes) {
        Level level = v instanceof Number ? Level.fromNumber(((Number) v).longValue()) : Level.parse(text(v));
        if (level != null) {
            return level;
        }
        attributes.put(RAW_LEVEL, v);
        if (v instanceof String) {
            String s = ((String) v).trim();
            int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
            if (sign > 0 && sign < s.length() - 1 && s.substring(sign + 1).chars().allMatch(Character::isDigit)) {
                Level base = Level.parse(s.substring(0, sign));
                if (base != null) {
                    return base;
                }
            }
        }
        if (draft.pythonLevelNo != null) {
            return LoggerFormats.pythonLevel(draft.pythonLevelNo.longValue());
        }
        return Level.INFO;
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
