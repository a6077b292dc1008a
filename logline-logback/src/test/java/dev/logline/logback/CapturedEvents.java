package dev.logline.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import java.time.Instant;
import java.util.function.Consumer;

/** Real Logback events for tests: logs through a real logger into a list, then pins the clock and thread. */
final class CapturedEvents {

    static final Instant FIXED = Instant.parse("2026-11-22T10:00:00.123456Z");

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> list = new ListAppender<>();

    CapturedEvents() {
        // the context must share the MDC that org.slf4j.MDC writes to
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        list.setContext(context);
        list.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.TRACE);
        root.addAppender(list);
    }

    LoggerContext context() {
        return context;
    }

    Logger logger(String name) {
        return context.getLogger(name);
    }

    /** Runs the logging code and returns the one event it produced, with a fixed time and thread name. */
    LoggingEvent capture(Consumer<Logger> logging) {
        return capture("shop.purchasing.Orders", logging);
    }

    LoggingEvent capture(String loggerName, Consumer<Logger> logging) {
        list.list.clear();
        logging.accept(logger(loggerName));
        if (list.list.size() != 1) {
            throw new AssertionError("expected one event, got " + list.list.size());
        }
        LoggingEvent e = (LoggingEvent) list.list.get(0);
        e.setInstant(FIXED);
        e.setThreadName("http-7");
        e.prepareForDeferredProcessing(); // snapshot the MDC now, as an async appender would
        return e;
    }
}
