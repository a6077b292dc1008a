package dev.logline.context;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test support: every event the root Logback logger receives, kept in memory until closed. */
public final class CapturedLogs implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            // Freeze MDC and thread now, as asynchronous appenders do; read later it would be gone.
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    };
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    public CapturedLogs() {
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
    }

    /** The events so far, in arrival order. */
    public List<ILoggingEvent> events() {
        synchronized (appender.list) {
            return new ArrayList<>(appender.list);
        }
    }

    /** Events whose logger name starts with {@code prefix}. */
    public List<ILoggingEvent> from(String prefix) {
        return events().stream().filter(e -> e.getLoggerName().startsWith(prefix)).toList();
    }

    /** The value of a key-value pair of the event, or null. */
    public static Object keyValue(ILoggingEvent event, String key) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs == null) {
            return null;
        }
        Object found = null;
        for (KeyValuePair p : pairs) {
            if (p.key.equals(key)) {
                found = p.value;
            }
        }
        return found;
    }

    /** The MDC the event was logged with. */
    public static Map<String, String> mdc(ILoggingEvent event) {
        return event.getMDCPropertyMap();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
