package dev.logline.logback.layout;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.logline.context.MdcKeys;
import dev.logline.core.redact.Redactor;
import dev.logline.logback.ServiceResource;
import dev.logline.logback.error.ThrowableWriter;
import dev.logline.logback.json.EncodeState;
import dev.logline.logback.json.Utf8JsonWriter;
import org.slf4j.Marker;

import java.util.List;
import java.util.Set;

/**
 * GELF 1.1 for Graylog: {@code version}, {@code host}, {@code short_message}, {@code full_message} (message and
 * stack), {@code timestamp} in seconds, {@code level} as a syslog severity, and every other field as an
 * underscore-prefixed string or number.
 */
final class GelfLayout extends EventLayout {

    private static final byte[] VERSION_MEMBER = "\"version\":\"1.1\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] FULL_MESSAGE = Utf8JsonWriter.encodeKey("full_message");
    private static final byte[] LEVEL_NAME = Utf8JsonWriter.encodeKey("_level_name");
    private static final byte[] STACK_HASH = Utf8JsonWriter.encodeKey("_stack_hash");

    private final Set<String> taken;
    private final byte[] errorType;
    private final byte[] errorMessage;

    GelfLayout(FieldNames names, ServiceResource resource, ThrowableWriter throwables, DottedKeys dottedKeys,
            Redactor redactor) {
        super(names, resource, throwables, dottedKeys, redactor);
        String error = names.name(FieldName.ERROR);
        errorType = Utf8JsonWriter.encodeKey(error + "_type");
        errorMessage = Utf8JsonWriter.encodeKey(error + "_message");
        // "_id" is forbidden by the GELF spec, so an "id" attribute becomes "_attr_id".
        taken = fixedKeys(List.of(error + "_type", error + "_message", "_id"));
    }

    @Override
    public void write(ILoggingEvent e, EncodeState s) {
        Utf8JsonWriter w = s.writer();
        MdcKeys mdcKeys = MdcKeys.current();
        w.raw('{');
        w.raw(VERSION_MEMBER);
        stringMember(w, names.key(FieldName.HOST), resource.host() == null ? "unknown" : resource.host());
        String message = message(e);
        w.key(names.key(FieldName.MSG));
        w.string(message == null || message.isEmpty() ? "-" : message);
        IThrowableProxy t = e.getThrowableProxy();
        if (t != null) {
            w.key(FULL_MESSAGE);
            w.raw('"');
            w.stringPart(message == null ? "" : message);
            w.stringPart("\n");
            throwables.writeFullText(t, w, true, "");
            w.raw('"');
        }
        w.key(names.key(FieldName.TS));
        long micros = micros(e);
        w.number(Math.floorDiv(micros, 1_000_000L));
        w.raw('.');
        long frac = Math.floorMod(micros, 1_000_000L);
        for (long scale = 100_000L; scale > 0; scale /= 10) {
            w.raw((char) ('0' + frac / scale % 10));
        }
        w.key(names.key(FieldName.LEVEL));
        w.number(syslogSeverity(e.getLevel()));
        w.key(LEVEL_NAME);
        w.string(e.getLevel().levelStr);
        stringMember(w, names.key(FieldName.SERVICE), resource.service());
        stringMember(w, names.key(FieldName.ENV), resource.env());
        stringMember(w, names.key(FieldName.VERSION), resource.version());
        loggerAndThread(e, w);
        traceMembers(e, w, mdcKeys);
        attributes.write(e, s, taken, mdcKeys);
        List<Marker> markers = e.getMarkerList();
        if (markers != null && !markers.isEmpty()) {
            // GELF fields are scalars: tags travel as one comma-separated string.
            w.key(names.key(FieldName.TAGS));
            w.raw('"');
            for (int i = 0; i < markers.size(); i++) {
                if (i > 0) {
                    w.stringPart(",");
                }
                w.stringPart(markers.get(i).getName());
            }
            w.raw('"');
        }
        if (t != null) {
            stringMember(w, errorType, t.getClassName());
            stringMember(w, errorMessage, throwables.message(t));
            w.key(STACK_HASH);
            w.hexString(throwables.hash(t));
        }
        w.raw('}');
        w.raw('\n');
    }
}
