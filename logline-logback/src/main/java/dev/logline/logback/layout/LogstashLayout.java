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

/** The field names of logstash-logback-encoder's LogstashEncoder, so existing Logstash pipelines keep working. */
final class LogstashLayout extends EventLayout {

    private static final byte[] VERSION_MEMBER = "\"@version\":\"1\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] LEVEL_VALUE = Utf8JsonWriter.encodeKey("level_value");
    private static final byte[] STACK_HASH = Utf8JsonWriter.encodeKey("stack_hash");

    private final Set<String> taken;

    LogstashLayout(FieldNames names, ServiceResource resource, ThrowableWriter throwables, DottedKeys dottedKeys,
            Redactor redactor) {
        super(names, resource, throwables, dottedKeys, redactor);
        taken = fixedKeys(List.of());
    }

    @Override
    public void write(ILoggingEvent e, EncodeState s) {
        Utf8JsonWriter w = s.writer();
        MdcKeys mdcKeys = MdcKeys.current();
        w.raw('{');
        w.key(names.key(FieldName.TS));
        timestamp(e, s);
        w.separator();
        w.raw(VERSION_MEMBER);
        stringMember(w, names.key(FieldName.MSG), message(e));
        loggerAndThread(e, w);
        w.key(names.key(FieldName.LEVEL));
        w.string(e.getLevel().levelStr);
        w.key(LEVEL_VALUE);
        w.number(e.getLevel().levelInt);
        resourceMembers(w);
        traceMembers(e, w, mdcKeys);
        attributes.write(e, s, taken, mdcKeys);
        tags(e, w);
        IThrowableProxy t = e.getThrowableProxy();
        if (t != null) {
            w.key(names.key(FieldName.ERROR));
            fullTextString(t, w);
            w.key(STACK_HASH);
            w.hexString(throwables.hash(t));
        }
        w.raw('}');
        w.raw('\n');
    }
}
