package dev.logline.core;

import java.util.HashMap;
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
 * reserved name wins and the alias stays an ordinary attribute, so nothing is lost; of two aliases the one earlier
 * in its list ({@link #rank}) wins. Fields whose meaning depends on the rest of the line (a loguru {@code record},
 * a tracing {@code fields} object, Serilog's {@code @mt}) are read by {@link LoggerFormats}.
 */
public final class FieldAliases {

    private static final Map<String, ReservedField> ALIASES = new LinkedHashMap<>();
    private static final Map<String, Alias> BY_NAME = new HashMap<>();

    /** An alias's field and its {@link #rank}. */
    record Alias(ReservedField target, int rank) {
    }

    static {
        // Python logging's asctime (local time without a zone) and structlog's event come last: any other time or
        // message alias says more. Python's "created" is mapped with the logging record's other fields
        // (LoggerFormats), not here, because elsewhere it is often an entity's creation time.
        alias(ReservedField.TS, "@timestamp", "timestamp", "time", "@t", "datetime", "timeUnixNano", "observedTimeUnixNano", "asctime");
        alias(ReservedField.LEVEL, "log.level", "severity", "severity_text", "severityText", "levelname", "@l", "loglevel", "lvl", "PRIORITY");
        alias(ReservedField.MSG, "message", "@m", "body", "log", "short_message", "full_message", "MESSAGE", "event");
        alias(ReservedField.SERVICE, "service.name", "app", "application", "appname", "service_name", "PROGRAM");
        alias(ReservedField.ENV, "service.environment", "deployment.environment", "environment");
        alias(ReservedField.VERSION, "service.version", "app_version");
        alias(ReservedField.HOST, "host.name", "hostname", "host_name", "_hostname", "HOST");
        alias(ReservedField.LOGGER, "logger_name", "log.logger", "loggerName", "name", "SourceContext");
        alias(ReservedField.THREAD, "thread_name", "process.thread.name", "threadName");
        alias(ReservedField.TRACE_ID, "trace.id", "traceId", "traceid", "trace", "traceID", "TraceID", "dd.trace_id", "@tr");
        alias(ReservedField.SPAN_ID, "span.id", "spanId", "spanid", "spanID", "SpanID", "dd.span_id", "@sp");
    }

    private static final Set<String> OBJECT_PREFIXES = ALIASES.keySet().stream()
            .filter(k -> k.indexOf('.') > 0)
            .map(k -> k.substring(0, k.indexOf('.')))
            .collect(Collectors.toUnmodifiableSet());

    private FieldAliases() {
    }

    private static void alias(ReservedField target, String... names) {
        for (int i = 0; i < names.length; i++) {
            ALIASES.put(names[i], target);
            BY_NAME.put(names[i], new Alias(target, i));
        }
    }

    /**
     * How strongly an alias speaks for its field: 0 for the first of its list, higher for later ones. When an event
     * carries two aliases of one field, the lower rank wins and the other stays an attribute.
     */
    public static int rank(String alias) {
        Alias a = BY_NAME.get(alias);
        return a == null ? Integer.MAX_VALUE : a.rank();
    }

    /** The alias of this name with its rank, or {@code null}: one lookup for the normaliser's hot loop. */
    static Alias lookup(String name) {
        return BY_NAME.get(name);
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
