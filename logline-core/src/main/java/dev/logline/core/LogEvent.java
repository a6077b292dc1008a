package dev.logline.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One log event: the reserved fields of the Logline schema plus typed attributes.
 *
 * <p>Attribute values are {@link String}, {@link Long}, {@link Double}, {@link Boolean},
 * {@code Map<String, Object>} (nested objects), {@code List<Object>} or {@code null}; nothing else.
 * Every other field is optional ({@code null} when absent). Instances are immutable.
 *
 * @param tsMicros   event time, microseconds since the epoch, UTC
 * @param level      severity, never {@code null}
 * @param msg        the message
 * @param service    the emitting service
 * @param env        deployment environment (prod, staging…)
 * @param version    the service's version
 * @param host       host, node or pod name
 * @param logger     logger name
 * @param thread     thread name
 * @param traceId    W3C trace id (32 hex) or any correlation id the sender used as trace id
 * @param spanId     span id
 * @param error      a structured exception
 * @param steps      LogTrace steps, empty when none
 * @param durationMs duration of the described operation in milliseconds
 * @param tenant     the tenant it belongs to (set by the server from the API key)
 * @param attributes every other field, in the order it was given
 */
public record LogEvent(
        long tsMicros,
        Level level,
        String msg,
        String service,
        String env,
        String version,
        String host,
        String logger,
        String thread,
        String traceId,
        String spanId,
        ErrorInfo error,
        List<Step> steps,
        Double durationMs,
        String tenant,
        Map<String, Object> attributes) {

    /**
     * Prefix given to an attribute whose name is reserved ({@code level} becomes {@code attr_level}), so an
     * event never carries two values under one key and the attribute is still kept.
     */
    public static final String COLLISION_PREFIX = "attr_";

    public LogEvent {
        Objects.requireNonNull(level, "level");
        steps = steps == null ? List.of() : List.copyOf(steps);
        if (attributes == null || attributes.isEmpty()) {
            attributes = Map.of();
        } else if (attributes instanceof FrozenAttributes) {
            // Another event's attributes: already checked and read-only, so shared.
        } else if (attributes instanceof OwnedAttributes && !hasReservedName(attributes)) {
            // A map only a builder held, handed over whole: no copy on the ingest path.
            attributes = new FrozenAttributes(attributes);
        } else {
            attributes = new FrozenAttributes(withoutReservedNames(attributes));
        }
    }

    /** An event's attributes: a read-only view of a map no one else holds, so events can share it. */
    private static final class FrozenAttributes extends java.util.AbstractMap<String, Object> {
        private final Map<String, Object> map;
        private final java.util.Set<Entry<String, Object>> entries;

        FrozenAttributes(Map<String, Object> map) {
            this.map = map;
            this.entries = Collections.unmodifiableMap(map).entrySet();
        }

        @Override
        public Object get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public java.util.Set<Entry<String, Object>> entrySet() {
            return entries;
        }
    }

    /** The same event stamped with a tenant; shares everything else (no copy of the attributes). */
    public LogEvent withTenant(String newTenant) {
        if (Objects.equals(tenant, newTenant)) {
            return this;
        }
        return new LogEvent(tsMicros, level, msg, service, env, version, host, logger, thread, traceId, spanId, error,
                steps, durationMs, newTenant, attributes);
    }

    /** An attribute map that nobody but a {@link Builder} (and then the event) holds. */
    static final class OwnedAttributes extends LinkedHashMap<String, Object> {
        private static final long serialVersionUID = 1L;

        OwnedAttributes() {
        }

        OwnedAttributes(Map<String, Object> m) {
            super(m);
        }
    }

    private static boolean hasReservedName(Map<String, Object> attributes) {
        for (String k : attributes.keySet()) {
            if (ReservedField.isReserved(k)) {
                return true;
            }
        }
        return false;
    }

    /** A map to build attributes in and hand to {@link Builder#adoptAttributes} without a copy. */
    static Map<String, Object> newAttributeMap() {
        return new OwnedAttributes();
    }

    private static Map<String, Object> withoutReservedNames(Map<String, Object> attributes) {
        Map<String, Object> copy = new LinkedHashMap<>(attributes.size() * 2);
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            String name = e.getKey();
            // Also step past a name an earlier prefixed key took ({"msg":1,"attr_msg":2}), so nothing is overwritten.
            while (ReservedField.isReserved(name) || copy.containsKey(name)) {
                name = COLLISION_PREFIX + name;
            }
            copy.put(name, e.getValue());
        }
        return copy;
    }

    /** The event time as an {@link Instant}. */
    public Instant timestamp() {
        return Instant.ofEpochSecond(Math.floorDiv(tsMicros, 1_000_000L), Math.floorMod(tsMicros, 1_000_000L) * 1_000L);
    }

    /** An attribute's value, or {@code null}. */
    public Object attribute(String name) {
        return attributes.get(name);
    }

    /** A builder starting from this event's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder with level INFO and no time set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Micros since the epoch for an instant. */
    public static long toMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    /** Collects the fields of an event; {@link #build()} may be called more than once. */
    public static final class Builder {
        private long tsMicros;
        private Level level = Level.INFO;
        private String msg;
        private String service;
        private String env;
        private String version;
        private String host;
        private String logger;
        private String thread;
        private String traceId;
        private String spanId;
        private ErrorInfo error;
        private List<Step> steps = List.of();
        private Double durationMs;
        private String tenant;
        private Map<String, Object> attributes = new OwnedAttributes();
        /** Whether {@link #attributes} went to an event: the next change works on a copy. */
        private boolean attributesShared;

        private Builder() {
        }

        private Builder(LogEvent e) {
            tsMicros = e.tsMicros;
            level = e.level;
            msg = e.msg;
            service = e.service;
            env = e.env;
            version = e.version;
            host = e.host;
            logger = e.logger;
            thread = e.thread;
            traceId = e.traceId;
            spanId = e.spanId;
            error = e.error;
            steps = e.steps;
            durationMs = e.durationMs;
            tenant = e.tenant;
            attributes.putAll(e.attributes);
        }

        public Builder tsMicros(long v) { tsMicros = v; return this; }
        public Builder timestamp(Instant v) { tsMicros = toMicros(v); return this; }
        public Builder level(Level v) { level = Objects.requireNonNull(v, "level"); return this; }
        public Builder msg(String v) { msg = v; return this; }
        public Builder service(String v) { service = v; return this; }
        public Builder env(String v) { env = v; return this; }
        public Builder version(String v) { version = v; return this; }
        public Builder host(String v) { host = v; return this; }
        public Builder logger(String v) { logger = v; return this; }
        public Builder thread(String v) { thread = v; return this; }
        public Builder traceId(String v) { traceId = v; return this; }
        public Builder spanId(String v) { spanId = v; return this; }
        public Builder error(ErrorInfo v) { error = v; return this; }
        public Builder steps(List<Step> v) { steps = v == null ? List.of() : v; return this; }
        public Builder durationMs(Double v) { durationMs = v; return this; }
        public Builder tenant(String v) { tenant = v; return this; }

        /** Adds or replaces an attribute; the value must be one of the types {@link LogEvent} allows. */
        public Builder attribute(String name, Object value) {
            mutable().put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        public Builder attributes(Map<String, Object> values) {
            mutable().putAll(values);
            return this;
        }

        public Builder removeAttribute(String name) {
            mutable().remove(name);
            return this;
        }

        /** Takes a map from {@link LogEvent#newAttributeMap()} as the attributes, without copying it. */
        Builder adoptAttributes(Map<String, Object> owned) {
            if (!(owned instanceof OwnedAttributes) || !attributes.isEmpty()) {
                return attributes(owned);
            }
            attributes = owned;
            attributesShared = false;
            return this;
        }

        private Map<String, Object> mutable() {
            if (attributesShared) {
                attributes = new OwnedAttributes(attributes);
                attributesShared = false;
            }
            return attributes;
        }

        public LogEvent build() {
            attributesShared = true;
            return new LogEvent(tsMicros, level, msg, service, env, version, host, logger, thread,
                    traceId, spanId, error, steps, durationMs, tenant, attributes);
        }
    }
}
