package dev.logline.core;

import java.util.HashMap;
import java.util.Map;

/**
 * The JSON of popular loggers, mapped without configuration, as Vector's and Fluent Bit's parsers and Seq's CLEF
 * reader do. Most of it is plain aliases ({@link FieldAliases}); this class reads the fields whose meaning depends
 * on the format: loguru's nested {@code record}, the Rust tracing crate's {@code fields} and {@code target},
 * Serilog's {@code @mt}/{@code @x}/{@code @i}, errors written as text (logstash's {@code stack_trace}, zap's
 * {@code stacktrace}, Python's {@code exception}/{@code exc_info}, ECS's flat {@code error.*}, pino's and bunyan's
 * {@code err}), and the format markers that carry no information (logstash's {@code @version} and
 * {@code level_value}, bunyan's {@code v}). {@code docs/SCHEMA.md} lists each format with an example line.
 *
 * <p>Detection is per line and cheap: one map lookup per top-level key, made only for keys that are neither
 * reserved nor plain aliases' own business, and work only for the keys that are here; no second parse.
 */
final class LoggerFormats {

    /** The keys this class reads, and what it does with each. */
    private enum Key {
        LOGURU_RECORD, LOGURU_TEXT, TRACING_FIELDS, TRACING_TARGET, CLEF_TEMPLATE, CLEF_EXCEPTION, CLEF_EVENT_ID,
        STACK_ONLY, ERROR_TEXT, NODE_ERR, BUNYAN_VERSION, LOGBACK_LEVEL_VALUE, LOGSTASH_VERSION, ECS_ERROR_TYPE,
        ECS_ERROR_MESSAGE, ECS_ERROR_STACK, PYTHON_CREATED
    }

    private static final Map<String, Key> KEYS = new HashMap<>();

    static {
        KEYS.put("record", Key.LOGURU_RECORD);
        KEYS.put("text", Key.LOGURU_TEXT);
        KEYS.put("fields", Key.TRACING_FIELDS);
        KEYS.put("target", Key.TRACING_TARGET);
        KEYS.put("@mt", Key.CLEF_TEMPLATE);
        KEYS.put("@x", Key.CLEF_EXCEPTION);
        KEYS.put("@i", Key.CLEF_EVENT_ID);
        KEYS.put("stacktrace", Key.STACK_ONLY);
        KEYS.put("stack_trace", Key.ERROR_TEXT);
        KEYS.put("exception", Key.ERROR_TEXT);
        KEYS.put("exc_info", Key.ERROR_TEXT);
        KEYS.put("err", Key.NODE_ERR);
        KEYS.put("v", Key.BUNYAN_VERSION);
        KEYS.put("level_value", Key.LOGBACK_LEVEL_VALUE);
        KEYS.put("@version", Key.LOGSTASH_VERSION);
        KEYS.put("error.type", Key.ECS_ERROR_TYPE);
        KEYS.put("error.message", Key.ECS_ERROR_MESSAGE);
        KEYS.put("error.stack_trace", Key.ECS_ERROR_STACK);
        KEYS.put("created", Key.PYTHON_CREATED);
    }

    /** Where Serilog's @i (the event type id) is kept. */
    static final String EVENT_ID = "event_id";
    /** Where Serilog's @mt (the message template) is kept once the message is rendered from it. */
    static final String MESSAGE_TEMPLATE = "message_template";

    /** Rank of a format's own field for a reserved field: it beats any generic alias. */
    private static final int FORMAT_RANK = -1;

    private LoggerFormats() {
    }

    /** Reads a top-level field this class knows; {@code false} leaves it to the aliases and attributes. */
    static boolean take(EventDraft d, String key, Object value) {
        Key k = KEYS.get(key);
        if (k == null) {
            return false;
        }
        switch (k) {
            case LOGURU_RECORD:
                return loguruRecord(d, value);
            case LOGURU_TEXT:
                d.text = value;
                return true;
            case TRACING_FIELDS:
                return tracingFields(d, value);
            case TRACING_TARGET:
                if (d.tracing) {
                    d.offer(ReservedField.LOGGER, value, key, FORMAT_RANK);
                } else {
                    d.target = value;
                }
                return true;
            case CLEF_TEMPLATE:
                if (!(value instanceof String)) {
                    return false;
                }
                d.template = (String) value;
                return true;
            case CLEF_EVENT_ID:
                d.attributes.put(EVENT_ID, value);
                return true;
            case CLEF_EXCEPTION:
            case ERROR_TEXT:
                return value instanceof String && errorText(d, key, (String) value);
            case STACK_ONLY:
                if (!(value instanceof String) || d.stack != null) {
                    return false;
                }
                d.stack = (String) value;
                d.stackKey = key;
                return true;
            case NODE_ERR:
                return nodeErr(d, key, value);
            case BUNYAN_VERSION:
                d.bunyanVersion = value;
                return true;
            case LOGBACK_LEVEL_VALUE:
                d.levelValue = value;
                return true;
            case LOGSTASH_VERSION:
                d.logstashVersion = value;
                return true;
            case ECS_ERROR_TYPE:
            case ECS_ERROR_MESSAGE:
            case ECS_ERROR_STACK:
                return ecsError(d, k, key, value);
            case PYTHON_CREATED:
                d.created = value;
                return true;
            default:
                throw new AssertionError(k);
        }
    }

    /**
     * After the last field: what the kept fields mean now that the whole line is known. Runs before the aliases
     * are resolved, so what it offers competes with them by rank.
     */
    static void finish(EventDraft d) {
        if (d.text != null) {
            // loguru's text is the message rendered with its traceback: the traceback is the error's stack.
            if (!d.loguru) {
                d.attributes.put("text", d.text);
            } else if (d.formatError != null && d.text instanceof String) {
                String t = ((String) d.text).strip();
                int tb = t.indexOf("Traceback (most recent call last)");
                d.formatError = withStack(d.formatError, tb >= 0 ? t.substring(tb) : t);
            }
        }
        if (d.target != null) {
            d.attributes.put("target", d.target);
        }
        if ("asctime".equals(d.candidateKey(ReservedField.TS))) {
            // Python's asctime has no zone and is read as UTC: the text stays, in case it was local time.
            d.attributes.put("asctime", d.candidateValue(ReservedField.TS));
        }
        if (d.created != null) {
            // Python's LogRecord.created (epoch seconds) when the line is a Python logging record; else an attribute.
            boolean python = "levelname".equals(d.candidateKey(ReservedField.LEVEL))
                    || "asctime".equals(d.candidateKey(ReservedField.TS)) || d.attributes.containsKey("asctime");
            if (python && d.created instanceof Number) {
                d.offer(ReservedField.TS, d.created, "created", FieldAliases.rank("asctime") - 1);
            } else {
                d.attributes.put("created", d.created);
            }
        }
        if (d.levelValue != null && !d.has(ReservedField.LEVEL)) {
            // logstash-logback-encoder's level_value repeats the level as Logback's number; it only counts alone.
            if (d.levelValue instanceof Number) {
                d.offer(ReservedField.LEVEL, logbackLevel(((Number) d.levelValue).longValue()), "level_value",
                        Integer.MAX_VALUE - 1);
            } else {
                d.attributes.put("level_value", d.levelValue);
            }
        }
        if (d.logstashVersion != null && !"@timestamp".equals(d.candidateKey(ReservedField.TS))) {
            d.attributes.put("@version", d.logstashVersion);
        }
        if (d.bunyanVersion != null && !(d.bunyanVersion instanceof Number && d.attributes.containsKey("pid")
                && d.has(ReservedField.HOST))) {
            d.attributes.put("v", d.bunyanVersion);
        }
        if (d.template != null) {
            d.attributes.put(MESSAGE_TEMPLATE, d.template);
            if (!d.has(ReservedField.MSG)) {
                d.offer(ReservedField.MSG, MessageTemplate.render(d.template, d.attributes), "@mt", FORMAT_RANK);
            }
        }
    }

    /** loguru's {@code serialize=True}: {@code {"text": …, "record": {level, message, time, extra, …}}}. */
    private static boolean loguruRecord(EventDraft d, Object value) {
        if (!(value instanceof Map) || !(((Map<?, ?>) value).get("level") instanceof Map)
                || !((Map<?, ?>) value).containsKey("message")) {
            return false;
        }
        d.loguru = true;
        Map<?, ?> r = (Map<?, ?>) value;
        Map<?, ?> level = (Map<?, ?>) r.get("level");
        d.offer(ReservedField.LEVEL, level.get("name"), "record.level.name", FORMAT_RANK);
        if (level.get("no") instanceof Number) {
            d.pythonLevelNo = (Number) level.get("no");
        }
        d.offer(ReservedField.MSG, r.get("message"), "record.message", FORMAT_RANK);
        if (r.get("time") instanceof Map) {
            Object ts = ((Map<?, ?>) r.get("time")).get("timestamp");
            d.offer(ReservedField.TS, ts != null ? ts : ((Map<?, ?>) r.get("time")).get("repr"), "record.time",
                    FORMAT_RANK);
        }
        d.offer(ReservedField.LOGGER, r.get("name"), "record.name", FORMAT_RANK);
        putIfPresent(d, "function", r.get("function"));
        putIfPresent(d, "line", r.get("line"));
        putIfPresent(d, "module", r.get("module"));
        if (r.get("file") instanceof Map) {
            putIfPresent(d, "file", ((Map<?, ?>) r.get("file")).get("path"));
        }
        if (r.get("process") instanceof Map) {
            putIfPresent(d, "pid", ((Map<?, ?>) r.get("process")).get("id"));
            putIfPresent(d, "process_name", ((Map<?, ?>) r.get("process")).get("name"));
        }
        if (r.get("thread") instanceof Map) {
            d.offer(ReservedField.THREAD, ((Map<?, ?>) r.get("thread")).get("name"), "record.thread.name", FORMAT_RANK);
            putIfPresent(d, "thread_id", ((Map<?, ?>) r.get("thread")).get("id"));
        }
        if (r.get("elapsed") instanceof Map) {
            putIfPresent(d, "elapsed_s", ((Map<?, ?>) r.get("elapsed")).get("seconds"));
        }
        if (r.get("exception") instanceof Map) {
            Map<?, ?> x = (Map<?, ?>) r.get("exception");
            d.formatError(new ErrorInfo(text(x.get("type")), text(x.get("value")), null, null, null), "exception", x);
        }
        if (r.get("extra") instanceof Map) {
            // bind()/contextualize() fields are the caller's own: read them as top-level fields.
            for (Map.Entry<?, ?> e : ((Map<?, ?>) r.get("extra")).entrySet()) {
                d.put(String.valueOf(e.getKey()), e.getValue());
            }
        }
        return true;
    }

    /** tracing-subscriber's JSON: {@code {"fields": {"message": …, …}, "target": "crate::module", "span": …}}. */
    private static boolean tracingFields(EventDraft d, Object value) {
        if (!(value instanceof Map) || !((Map<?, ?>) value).containsKey("message")) {
            return false;
        }
        d.tracing = true;
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
            String name = String.valueOf(e.getKey());
            if (name.equals("message")) {
                d.offer(ReservedField.MSG, e.getValue(), "fields.message", FORMAT_RANK);
            } else {
                d.put(name, e.getValue());
            }
        }
        if (d.target != null) {
            d.offer(ReservedField.LOGGER, d.target, "target", FORMAT_RANK);
            d.target = null;
        }
        return true;
    }

    /** A whole exception as text (logstash, Serilog, structlog, python-json-logger). */
    private static boolean errorText(EventDraft d, String key, String text) {
        if (d.formatError != null) {
            return false;
        }
        ErrorInfo e = ErrorText.of(text);
        if (e == null) {
            return false;
        }
        d.formatError(e, key, text);
        return true;
    }

    /**
     * pino's {@code err: {type, message, stack}}, bunyan's {@code err: {name, message, stack}}, and Go's
     * {@code "err": "text"} (slog's and logrus's usual key for an error).
     */
    private static boolean nodeErr(EventDraft d, String key, Object value) {
        if (d.formatError != null) {
            return false;
        }
        if (value instanceof String) {
            d.formatError(new ErrorInfo(null, (String) value), key, value);
            return true;
        }
        if (!(value instanceof Map)) {
            return false;
        }
        Map<?, ?> m = (Map<?, ?>) value;
        if (!m.containsKey("message") && !m.containsKey("stack")) {
            return false;
        }
        Object type = m.containsKey("type") ? m.get("type") : m.get("name");
        d.formatError(new ErrorInfo(text(type), text(m.get("message")), text(m.get("stack")), null, null), key, value);
        return true;
    }

    /** ECS as flat keys: {@code "error.type"}, {@code "error.message"}, {@code "error.stack_trace"}. */
    private static boolean ecsError(EventDraft d, Key k, String key, Object value) {
        if (!(value instanceof String) || (d.formatError != null && !isEcs(d))) {
            return false;
        }
        ErrorInfo e = d.formatError == null ? new ErrorInfo(null, null) : d.formatError;
        String s = (String) value;
        switch (k) {
            case ECS_ERROR_TYPE: e = new ErrorInfo(s, e.message(), e.stack(), null, null); break;
            case ECS_ERROR_MESSAGE: e = new ErrorInfo(e.type(), s, e.stack(), null, null); break;
            default: e = new ErrorInfo(e.type(), e.message(), s, null, null); break;
        }
        d.formatError(e, key, value);
        return true;
    }

    /** Whether the error gathered so far came from ECS's flat error.* keys only. */
    private static boolean isEcs(EventDraft d) {
        for (String k : d.formatErrorOriginals.keySet()) {
            if (!k.startsWith("error.")) {
                return false;
            }
        }
        return true;
    }

    private static ErrorInfo withStack(ErrorInfo e, String stack) {
        return new ErrorInfo(e.type(), e.message(), stack, e.hash(), e.cause());
    }

    /** Logback's level numbers, as logstash-logback-encoder writes them in {@code level_value}. */
    private static String logbackLevel(long n) {
        if (n >= 40_000) {
            return "ERROR";
        }
        if (n >= 30_000) {
            return "WARN";
        }
        if (n >= 20_000) {
            return "INFO";
        }
        return n >= 10_000 ? "DEBUG" : "TRACE";
    }

    /** Python's level numbers (loguru's custom levels): 5 TRACE, 10 DEBUG, 20/25 INFO, 30 WARN, 40 ERROR, 50 FATAL. */
    static Level pythonLevel(long no) {
        if (no < 10) {
            return Level.TRACE;
        }
        if (no < 20) {
            return Level.DEBUG;
        }
        if (no < 30) {
            return Level.INFO;
        }
        if (no < 40) {
            return Level.WARN;
        }
        return no < 50 ? Level.ERROR : Level.FATAL;
    }

    private static void putIfPresent(EventDraft d, String name, Object value) {
        if (value != null) {
            d.put(name, value);
        }
    }

    private static String text(Object v) {
        return v == null ? null : v instanceof String ? (String) v : LogEventJson.valueToJson(v);
    }
}
