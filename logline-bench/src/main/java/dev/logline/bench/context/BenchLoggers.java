package dev.logline.bench.context;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import dev.logline.logback.LoglineEncoder;

import java.io.OutputStream;

/** A private Logback context whose INFO logger ends in one of the sinks the LogTrace benchmark compares. */
public final class BenchLoggers {

    private BenchLoggers() {
    }

    /**
     * @param sink {@code nop} (events dropped by the appender) or {@code encoder} (LoglineEncoder JSON written to a
     *             stream that discards it)
     */
    public static Logger create(String sink) {
        LoggerContext context = new LoggerContext();
        context.setName("bench-" + sink);
        // A context made by hand has no MDC adapter; without one every event pays for a caught exception when
        // the encoder reads the MDC. Share SLF4J's, as the context SLF4J creates does.
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        context.start();
        Appender<ILoggingEvent> appender = switch (sink) {
            case "nop" -> new NopAppender();
            case "encoder" -> {
                LoglineEncoder encoder = new LoglineEncoder();
                encoder.setContext(context);
                encoder.setService("checkout");
                encoder.setEnv("bench");
                encoder.setVersion("1.0.0");
                encoder.setHost("bench-host");
                encoder.start();
                OutputStreamAppender<ILoggingEvent> out = new OutputStreamAppender<>();
                out.setEncoder(encoder);
                out.setImmediateFlush(false);
                out.setOutputStream(OutputStream.nullOutputStream());
                yield out;
            }
            default -> throw new IllegalArgumentException("unknown sink " + sink + "; use nop or encoder");
        };
        appender.setContext(context);
        appender.setName(sink);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        return context.getLogger("shop.checkout.Checkout");
    }
}
