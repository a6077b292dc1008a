package dev.logline.logback.buffer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.logline.context.HeldLine;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One diverted Logback line with what it would have carried when logged — time, thread, MDC, key-values —
 * so a replay writes it as if it had gone out then.
 */
final class HeldLoggingEvent implements HeldLine {

    private static final String FQCN = Logger.class.getName();
    private static final StackTraceElement[] NO_CALLER_DATA = new StackTraceElement[0];

    private final Logger logger;
    private final Level level;
    private final String message;
    private final Object[] args;
    private final Throwable throwable;
    private final List<Marker> markers;
    private final List<KeyValuePair> keyValues;
    private final Instant instant = Instant.now();
    private final String threadName = Thread.currentThread().getName();
    private final Map<String, String> mdc = MDC.getCopyOfContextMap();

    HeldLoggingEvent(Logger logger, Level level, String message, Object[] args, Throwable throwable,
                     List<Marker> markers, List<KeyValuePair> keyValues) {
        this.logger = logger;
        this.level = level;
        this.message = message;
        this.args = args;
        this.throwable = throwable;
        this.markers = markers;
        this.keyValues = keyValues;
    }

    @Override
    public void replay() {
        LoggingEvent event = new LoggingEvent(FQCN, logger, level, message, throwable, args);
        event.setInstant(instant);
        event.setThreadName(threadName);
        event.setMDCPropertyMap(mdc == null ? Map.of() : mdc);
        // The caller is long gone; an empty caller beats a misleading one from the replaying thread.
        event.setCallerData(NO_CALLER_DATA);
        if (markers != null) {
            markers.forEach(event::addMarker);
        }
        if (keyValues != null) {
            keyValues.forEach(event::addKeyValuePair);
        }
        logger.callAppenders(event);
    }
}
