package dev.logline.bench.encoder;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.time.MutableInstant;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.apache.logging.log4j.util.StringMap;

import java.time.Instant;
import java.util.Map;

/**
 * The Log4j2 twins of {@link BenchmarkEvents}: the same message, thread, time, MDC entries, key-values (in the
 * context map, where Log4j's SLF4J 2 bridge puts them) and the very same Throwable, built once.
 */
public final class Log4jEvents {

    private Log4jEvents() {
    }

    /** The Log4j event carrying what the Logback event carries. */
    public static LogEvent twinOf(ILoggingEvent e) {
        StringMap context = new SortedArrayStringMap();
        for (Map.Entry<String, String> m : e.getMDCPropertyMap().entrySet()) {
            context.putValue(m.getKey(), m.getValue());
        }
        if (e.getKeyValuePairs() != null) {
            e.getKeyValuePairs().forEach(kv -> context.putValue(kv.key, kv.value));
        }
        context.freeze();
        Message message = new ParameterizedMessage(e.getMessage(), e.getArgumentArray());
        // formats once and keeps the text, as prepareForDeferredProcessing does for the Logback event
        message.getFormattedMessage();
        Instant at = e.getInstant();
        MutableInstant instant = new MutableInstant();
        instant.initFromEpochSecond(at.getEpochSecond(), at.getNano());
        Throwable thrown = e.getThrowableProxy() == null ? null : ((ThrowableProxy) e.getThrowableProxy()).getThrowable();
        return Log4jLogEvent.newBuilder()
                .setLoggerName(e.getLoggerName())
                .setLoggerFqcn(org.apache.logging.log4j.spi.AbstractLogger.class.getName())
                .setLevel(Level.valueOf(e.getLevel().levelStr))
                .setMessage(message)
                .setContextData(context)
                .setThreadName(e.getThreadName())
                .setInstant(instant)
                .setThrown(thrown)
                .build();
    }
}
