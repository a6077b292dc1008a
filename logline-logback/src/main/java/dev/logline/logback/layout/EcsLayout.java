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

/** Elastic Common Schema, with the flat dotted keys ecs-logging-java writes ({@code log.level}, {@code error.type}). */
final class EcsLayout extends EventLayout {

    /** The ECS version whose field names this layout follows. */
    static final String ECS_VERSION = "8.11.0";

    private static final byte[] ECS_VERSION_MEMBER = ("\"ecs.version\":\"" + ECS_VERSION + "\"")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Set<String> taken;
    private final byte[] errorType;
    private final byte[] errorMessage;
    private final byte[] errorStack;

    EcsLayout(FieldNames names, ServiceResource resource, ThrowableWriter throwables, DottedKeys dottedKeys,
            Redactor redactor) {
        super(names, resource, throwables, dottedKeys, redactor);
        String error = names.name(FieldName.ERROR);
        errorType = Utf8JsonWriter.encodeKey(error + ".type");
        errorMessage = Utf8JsonWriter.encodeKey(error + ".message");
        errorStack = Utf8JsonWriter.encodeKey(error + ".stack_trace");
        taken = fixedKeys(List.of(error + ".type", error + ".message", error + ".stack_trace"));
    }

    @Override
    public void write(ILoggingEvent e, EncodeState s) {
        Utf8JsonWriter w = s.writer();
        MdcKeys mdcKeys = MdcKeys.current();
        openWithTimestampAndLevel(e, s);
        stringMember(w, names.key(FieldName.MSG), message(e));
        w.separator();
        w.raw(ECS_VERSION_MEMBER);
        resourceMembers(w);
        loggerAndThread(e, w);
        traceMembers(e, w, mdcKeys);
        attributes.write(e, s, taken, mdcKeys);
        tags(e, w);
        IThrowableProxy t = e.getThrowableProxy();
        if (t != null) {
            flatErrorMembers(t, w, errorType, errorMessage, errorStack);
        }
        w.raw('}');
        w.raw('\n');
    }
}
