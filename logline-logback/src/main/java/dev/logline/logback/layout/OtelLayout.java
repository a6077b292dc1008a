package dev.logline.logback.layout;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.logline.context.MdcKeys;
import dev.logline.core.redact.Redactor;
import dev.logline.logback.ServiceResource;
import dev.logline.logback.error.ThrowableWriter;
import dev.logline.logback.json.EncodeState;
import dev.logline.logback.json.Utf8JsonWriter;

import java.util.List;
import java.util.Set;

/**
 * The OpenTelemetry log data model as JSON: {@code timestamp}, {@code severity_text}/{@code severity_number},
 * {@code body}, {@code trace_id}/{@code span_id}, a {@code resource} (service, environment, version, host), the
 * logger as the instrumentation {@code scope}, and everything else — thread, MDC, key-values, tags and the
 * {@code exception.*} semantic attributes — inside {@code attributes}.
 */
final class OtelLayout extends EventLayout {

    private static final byte[] SEVERITY_NUMBER = Utf8JsonWriter.encodeKey("severity_number");
    private static final byte[] RESOURCE = Utf8JsonWriter.encodeKey("resource");
    private static final byte[] ATTRIBUTES = Utf8JsonWriter.encodeKey("attributes");
    private static final byte[] NAME = Utf8JsonWriter.encodeKey("name");

    private final Set<String> attributeKeys;
    private final byte[] exceptionType;
    private final byte[] exceptionMessage;
    private final byte[] exceptionStack;
    private final byte[] exceptionHash;

    OtelLayout(FieldNames names, ServiceResource resource, ThrowableWriter throwables, DottedKeys dottedKeys,
            Redactor redactor) {
        super(names, resource, throwables, dottedKeys, redactor);
        String ex = names.name(FieldName.ERROR);
        exceptionType = Utf8JsonWriter.encodeKey(ex + ".type");
        exceptionMessage = Utf8JsonWriter.encodeKey(ex + ".message");
        exceptionStack = Utf8JsonWriter.encodeKey(ex + ".stacktrace");
        exceptionHash = Utf8JsonWriter.encodeKey(ex + ".hash");
        attributeKeys = Set.of(names.name(FieldName.THREAD), names.name(FieldName.TAGS),
                names.name(FieldName.STEPS), names.name(FieldName.DURATION_MS),
                ex + ".type", ex + ".message", ex + ".stacktrace", ex + ".hash");
    }

    @Override
    public void write(ILoggingEvent e, EncodeState s) {
        Utf8JsonWriter w = s.writer();
        MdcKeys mdcKeys = MdcKeys.current();
        openWithTimestampAndLevel(e, s);
        w.key(SEVERITY_NUMBER);
        w.number(otelSeverity(e.getLevel()));
        stringMember(w, names.key(FieldName.MSG), message(e));
        traceMembers(e, w, mdcKeys);
        w.key(RESOURCE);
        w.raw('{');
        resourceMembers(w);
        w.raw('}');
        if (e.getLoggerName() != null) {
            w.key(names.key(FieldName.LOGGER));
            w.raw('{');
            stringMember(w, NAME, e.getLoggerName());
            w.raw('}');
        }
        w.key(ATTRIBUTES);
        w.raw('{');
        stringMember(w, names.key(FieldName.THREAD), e.getThreadName());
        attributes.write(e, s, attributeKeys, mdcKeys);
        tags(e, w);
        IThrowableProxy t = e.getThrowableProxy();
        if (t != null) {
            flatErrorMembers(t, w, exceptionType, exceptionMessage, exceptionStack);
            w.key(exceptionHash);
            w.hexString(throwables.hash(t));
        }
        w.raw('}');
        w.raw('}');
        w.raw('\n');
    }
}
