package dev.logline.bench.context;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/** A Logback appender that drops every event: what remains is the cost of the logging call itself. */
public final class NopAppender extends AppenderBase<ILoggingEvent> {

    @Override
    protected void append(ILoggingEvent event) {
        // Dropped on purpose.
    }
}
