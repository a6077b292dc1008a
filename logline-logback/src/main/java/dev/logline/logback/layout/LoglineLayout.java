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

/** Logline's own shape (docs/SCHEMA.md): reserved fields first, attributes flat, a structured {@code error}. */
final class LoglineLayout extends EventLayout {

    private final Set<String> taken;

    LoglineLayout(FieldNames names, ServiceResource resource, ThrowableWriter throwables, DottedKeys dottedKeys,
            Redactor redactor) {
        super(names, resource, throwables, dottedKeys, redactor);
        this.taken = fixedKeys(List.of());
    }

    @Override
    public void write(ILoggingEvent e, EncodeState s) {
        Utf8JsonWriter w = s.writer();
        MdcKeys mdcKeys = MdcKeys.current();
        openWithTimestampAndLevel(e, s);
        stringMember(w, names.key(FieldName.MSG), message(e));
        resourceMembers(w);
        loggerAndThread(e, w);
        traceMembers(e, w, mdcKeys);
        attributes.write(e, s, taken, mdcKeys);
        tags(e, w);
        IThrowableProxy t = e.getThrowableProxy();
        if (t != null) {
            w.key(names.key(FieldName.ERROR));
            throwables.writeErrorObject(t, w);
        }
        w.raw('}');
        w.raw('\n');
    }
}
