package dev.logline.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The names other tools give to our reserved fields, so events from Logstash, ECS, OpenTelemetry,
 * Serilog, Python logging, pino and friends land in the same place.
 *
 * <p>The upper-case names are syslog-ng's ({@code format-json --scope rfc5424}).
 *
 * <p>Dotted names match both a flat key ({@code "log.level"}) and a nested object
 * ({@code {"log":{"level":…}}}). When an event carries a reserved name and an alias of it, the
 * reserved name wins and the alias stays an ordinary attribute, so nothing is lost.
 */
public final class FieldAliases {

    private static final Map<String, ReservedField> ALIASES = new LinkedHashMap<>();

    static {
        alias(ReservedField.TS, "@timestamp", "timestamp", "time", "@t", "datetime", "timeUnixNano", "observedTimeUnixNano");
        alias(ReservedField.LEVEL, "log.level", "severity", "severity_text", "severityText", "levelname", "@l", "loglevel", "lvl", "PRIORITY");
        alias(ReservedField.MSG, "message", "@m", "body", "log", "short_message", "full_message", "MESSAGE");
        alias(ReservedField.SERVICE, "service.name", "app", "application", "appname", "service_name", "PROGRAM");
        alias(ReservedField.ENV, "service.environment", "deployment.environment", "environment");
        alias(ReservedField.VERSION, "service.version", "app_version");
        alias(ReservedField.HOST, "host.name", "hostname", "host_name", "_hostname", "HOST");
        alias(ReservedField.LOGGER, "logger_name", "log.logger", "loggerName", "name");
        alias(ReservedField.THREAD, "thread_name", "process.thread.name", "threadName");
        alias(ReservedField.TRACE_ID, "trace.id", "traceId", "traceid", "trace", "traceID", "TraceID", "dd.trace_id");
        alias(ReservedField.SPAN_ID, "span.id", "spanId", "spanid", "spanID", "SpanID", "dd.span_id");
    }

    private static final Set<String> OBJECT_PREFIXES = ALIASES.keySet().stream()
            .filter(k -> k.indexOf('.') > 0)
            .map(k -> k.substring(0, k.indexOf('.')))
            .collect(Collectors.toUnmodifiableSet());

    private FieldAliases() {
    }

    private static void alias(ReservedField target, String... names) {
        for (String n : names) {
            ALIASES.put(n, target);
        }
    }

    /** The reserved field an alias maps onto, or {@code null}. */
    public static ReservedField resolve(String name) {
        return ALIASES.get(name);
    }

    /** Whether an object under this top-level key may hold a dotted alias, e.g. {@code log} for {@code log.level}. */
    public static boolean isObjectPrefix(String name) {
        return OBJECT_PREFIXES.contains(name);
    }

    /** Every alias and the field it maps onto, in a stable order (for documentation and tests). */
    public static Map<String, ReservedField> all() {
        return java.util.Collections.unmodifiableMap(ALIASES);
    }
}
