package dev.logline.bench.appender;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The floor under every asynchronous Logback appender: Logback builds the event and an appender that only does
 * what any of them must do on the calling thread ({@code prepareForDeferredProcessing()}: format the message, fix
 * the thread name and the MDC) and then forgets it. What a shipper costs beyond this is its own.
 */
@State(Scope.Benchmark)
public class FloorPeer {

    Logger logger;
    private LoggerContext context;
    private long prepared;

    @Setup
    public void start() {
        context = new LoggerContext();
        context.setName("bench-floor");
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        context.start();
        AppenderBase<ILoggingEvent> prepareOnly = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                event.prepareForDeferredProcessing();
                prepared++;
            }
        };
        prepareOnly.setContext(context);
        prepareOnly.setName("prepare-only");
        prepareOnly.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(Level.INFO);
        root.addAppender(prepareOnly);
        logger = context.getLogger(BenchEvent.LOGGER);
    }

    /** Events the appender prepared so far. */
    long prepared() {
        return prepared;
    }

    @TearDown
    public void stop() {
        context.stop();
        System.out.println("\n[floor] prepared " + prepared + " events");
    }
}
