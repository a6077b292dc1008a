package dev.logline.logback.layout;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.logline.context.MdcKeys;
import dev.logline.core.Timestamps;
import dev.logline.core.redact.Redactor;
import dev.logline.logback.ServiceResource;
import dev.logline.logback.error.ThrowableWriter;
import dev.logline.logback.json.EncodeState;
import dev.logline.logback.json.QuotedStringCache;
import dev.logline.logback.json.Utf8JsonWriter;
import org.slf4j.Marker;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one Logback event as one JSON line in a preset's shape. Subclasses hold the shape; this class the
 * parts every shape shares (time, trace ids from the MDC, markers as tags, attributes).
 */
public abstract class EventLayout {

    protected final FieldNames names;
    protected final ServiceResource resource;
    protected final ThrowableWriter throwables;
    protected final AttributeWriter attributes;
    /** What the message, attributes and exception messages go through before they are written. */
    protected final Redactor redactor;
    /** Logger names, thread names and level names: the same string objects event after event. */
    protected final QuotedStringCache recurring = new QuotedStringCache(1024);
    /** The service resource members, which never change after start, encoded once; empty when none is set. */
    private final byte[] resourceBytes;

    protected EventLayout(FieldNames names, ServiceResource resource, ThrowableWriter throwables,
                          DottedKeys dottedKeys, Redactor redactor) {
        this.names = names;
        this.resource = resource;
        this.throwables = throwables;
        this.redactor = redactor;
        this.attributes = new AttributeWriter(names, dottedKeys, redactor);
        Utf8JsonWriter w = new Utf8JsonWriter(128);
        w.raw('{');
        stringMember(w, names.key(FieldName.SERVICE), resource.service());
        stringMember(w, names.key(FieldName.ENV), resource.env());
        stringMember(w, names.key(FieldName.VERSION), resource.version());
        stringMember(w, names.key(FieldName.HOST), resource.host());
        this.resourceBytes = java.util.Arrays.copyOfRange(w.buffer(), 1, w.size());
    }

    /** The layout for a preset. */
    public static EventLayout create(FieldNames names, ServiceResource resource, ThrowableWriter throwables,
                                     DottedKeys dottedKeys, Redactor redactor) {
        switch (names.preset()) {
            case ECS: return new EcsLayout(names, resource, throwables, dottedKeys, redactor);
            case LOGSTASH: return new LogstashLayout(names, resource, throwables, dottedKeys, redactor);
            case OTEL: return new OtelLayout(names, resource, throwables, dottedKeys, redactor);
            case GELF: return new GelfLayout(names, resource, throwables, dottedKeys, redactor);
            default: return new LoglineLayout(names, resource, throwables, dottedKeys, redactor);
        }
    }

    /** The event's formatted message, redacted. */
    protected String message(ILoggingEvent e) {
        return redactor.text(e.getFormattedMessage());
    }

    /** Writes the event as one JSON object followed by a newline. */
    public abstract void write(ILoggingEvent event, EncodeState state);

    /** Every fixed top-level key this layout may write, so attributes never repeat one. */
    protected Set<String> fixedKeys(Collection<String> more) {
        Set<String> s = new HashSet<>();
        for (FieldName f : FieldName.values()) {
            s.add(names.name(f));
        }
        s.addAll(names.preset().extraKeys());
        s.addAll(more);
        return Set.copyOf(s);
    }

    /** Microseconds since the epoch of the event. */
    protected static long micros(ILoggingEvent e) {
        Instant i = e.getInstant();
        if (i == null) {
            return e.getTimeStamp() * 1_000L;
        }
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    /** Writes {@code "2026-11-22T10:00:00.123456Z"}. */
    protected static void timestamp(ILoggingEvent e, EncodeState s) {
        char[] ts = s.timestamp();
        Timestamps.formatMicros(micros(e), ts);
        s.writer().asciiString(ts, 0, ts.length);
    }

    /** Writes {@code "name":"value"} unless the value is null. */
    protected static void stringMember(Utf8JsonWriter w, byte[] key, String value) {
        if (value != null) {
            w.key(key);
            w.string(value);
        }
    }

    /** Writes the opening brace, the timestamp and the level name: the start every JSON-object shape shares. */
    protected void openWithTimestampAndLevel(ILoggingEvent e, EncodeState s) {
        Utf8JsonWriter w = s.writer();
        w.raw('{');
        w.key(names.key(FieldName.TS));
        timestamp(e, s);
        w.key(names.key(FieldName.LEVEL));
        recurring.string(e.getLevel().levelStr, w);
    }

    /** Writes the service resource members (service, env, version, host), each only when set. */
    protected void resourceMembers(Utf8JsonWriter w) {
        if (resourceBytes.length > 0) {
            w.separator();
            w.raw(resourceBytes);
        }
    }

    /** Writes the logger and thread names, each only when set. */
    protected void loggerAndThread(ILoggingEvent e, Utf8JsonWriter w) {
        recurringMember(w, names.key(FieldName.LOGGER), e.getLoggerName());
        recurringMember(w, names.key(FieldName.THREAD), e.getThreadName());
    }

    /** Writes {@code "name":"value"} unless the value is null, for values that recur as the same object. */
    protected void recurringMember(Utf8JsonWriter w, byte[] key, String value) {
        if (value != null) {
            w.key(key);
            recurring.string(value, w);
        }
    }

    /** Writes the trace and span ids the context module bound in the MDC, each only when present. */
    protected void traceMembers(ILoggingEvent e, Utf8JsonWriter w, MdcKeys mdcKeys) {
        stringMember(w, names.key(FieldName.TRACE_ID), mdc(e, mdcKeys.traceId()));
        stringMember(w, names.key(FieldName.SPAN_ID), mdc(e, mdcKeys.spanId()));
    }

    /** Writes the whole stack trace text as one JSON string value (the key must already be written). */
    protected void fullTextString(IThrowableProxy t, Utf8JsonWriter w) {
        w.raw('"');
        throwables.writeFullText(t, w, true, "");
        w.raw('"');
    }

    /** Writes the flat {@code <error>.type}, {@code <error>.message} and stack text members of a throwable. */
    protected void flatErrorMembers(IThrowableProxy t, Utf8JsonWriter w, byte[] typeKey, byte[] messageKey,
                                    byte[] stackKey) {
        stringMember(w, typeKey, t.getClassName());
        stringMember(w, messageKey, throwables.message(t));
        w.key(stackKey);
        fullTextString(t, w);
    }

    /** An MDC value (the trace and span ids the context module binds), or {@code null}. */
    protected static String mdc(ILoggingEvent e, String key) {
        Map<String, String> mdc = e.getMDCPropertyMap();
        return mdc == null || mdc.isEmpty() ? null : mdc.get(key);
    }

    /** Writes markers as an array of names ({@code tags}), references included. */
    protected void tags(ILoggingEvent e, Utf8JsonWriter w) {
        List<Marker> markers = e.getMarkerList();
        if (markers == null || markers.isEmpty()) {
            return;
        }
        w.key(names.key(FieldName.TAGS));
        w.raw('[');
        for (Marker m : markers) {
            marker(m, w, 0);
        }
        w.raw(']');
    }

    private static void marker(Marker m, Utf8JsonWriter w, int depth) {
        w.separator();
        w.string(m.getName());
        if (depth < 8 && m.hasReferences()) {
            for (Iterator<Marker> it = m.iterator(); it.hasNext(); ) {
                marker(it.next(), w, depth + 1);
            }
        }
    }

    /** Syslog severity of a Logback level (GELF's {@code level}). */
    protected static int syslogSeverity(Level level) {
        switch (level.levelInt) {
            case Level.ERROR_INT: return 3;
            case Level.WARN_INT: return 4;
            case Level.INFO_INT: return 6;
            default: return 7;
        }
    }

    /** OpenTelemetry severity number of a Logback level. */
    protected static int otelSeverity(Level level) {
        switch (level.levelInt) {
            case Level.ERROR_INT: return 17;
            case Level.WARN_INT: return 13;
            case Level.INFO_INT: return 9;
            case Level.DEBUG_INT: return 5;
            default: return 1;
        }
    }
}
