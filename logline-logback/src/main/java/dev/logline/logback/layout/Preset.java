package dev.logline.logback.layout;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The output shapes the encoder knows: Logline's own and the field names of the peers people already ship to.
 * Each preset lists its default names for the {@link FieldName logical fields} and every fixed key it may emit.
 */
public enum Preset {
    /** Logline's schema (docs/SCHEMA.md). */
    LOGLINE(names("ts", "level", "msg", "service", "env", "version", "host", "logger", "thread", "trace_id",
            "span_id", "error", "tags", "steps", "duration_ms"),
            List.of()),
    /** Elastic Common Schema, flat dotted keys as ecs-logging-java writes them. */
    ECS(names("@timestamp", "log.level", "message", "service.name", "service.environment", "service.version",
            "host.name", "log.logger", "process.thread.name", "trace.id", "span.id", "error", "tags", "steps",
            "duration_ms"),
            List.of("ecs.version", "error.type", "error.message", "error.stack_trace")),
    /** logstash-logback-encoder's LogstashEncoder. */
    LOGSTASH(names("@timestamp", "level", "message", "service", "env", "version", "host", "logger_name",
            "thread_name", "trace_id", "span_id", "stack_trace", "tags", "steps", "duration_ms"),
            List.of("@version", "level_value", "stack_hash")),
    /** The OpenTelemetry log data model as JSON: service fields inside {@code resource}, the rest in {@code attributes}. */
    OTEL(names("timestamp", "severity_text", "body", "service.name", "deployment.environment", "service.version",
            "host.name", "scope", "thread.name", "trace_id", "span_id", "exception", "tags", "steps", "duration_ms"),
            List.of("severity_number", "resource", "attributes", "exception.type", "exception.message",
                    "exception.stacktrace", "exception.hash", "name")),
    /** GELF 1.1 (Graylog): additional fields start with an underscore. */
    GELF(names("timestamp", "level", "short_message", "_service", "_env", "_version", "host", "_logger", "_thread",
            "_trace_id", "_span_id", "_error", "_tags", "_steps", "_duration_ms"),
            List.of("version", "full_message", "_level_name", "_error_type", "_error_message", "_stack_hash"));

    private final Map<FieldName, String> defaults;
    private final List<String> extraKeys;

    Preset(Map<FieldName, String> defaults, List<String> extraKeys) {
        this.defaults = defaults;
        this.extraKeys = extraKeys;
    }

    private static Map<FieldName, String> names(String... inOrder) {
        Map<FieldName, String> m = new EnumMap<>(FieldName.class);
        FieldName[] fields = FieldName.values();
        for (int i = 0; i < fields.length; i++) {
            m.put(fields[i], inOrder[i]);
        }
        return m;
    }

    /** This preset's name for a logical field. */
    public String defaultName(FieldName f) {
        return defaults.get(f);
    }

    /** Fixed keys this preset writes besides the logical fields (documentation and validation tests). */
    public List<String> extraKeys() {
        return extraKeys;
    }

    /** The setting value naming this preset ({@code logline}, {@code ecs}…). */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The preset a setting names, or {@code null}. */
    public static Preset fromSettingName(String name) {
        for (Preset p : values()) {
            if (p.settingName().equals(name == null ? null : name.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        return null;
    }
}
