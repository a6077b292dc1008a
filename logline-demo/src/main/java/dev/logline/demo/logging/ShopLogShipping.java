package dev.logline.demo.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.logline.logback.appender.LoglineAppender;
import dev.logline.logback.buffer.DebugBufferTurboFilter;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Ships the shop's logs to a Logline server, configured in code: one {@link LoglineAppender} per service, attached
 * to that service's logger prefix ({@code shop.inventory}, …) with additivity off, so every event carries its own
 * service's name and version although the services share one JVM and one Logback context.
 */
public final class ShopLogShipping implements AutoCloseable {

    /** Deployment environment stamped on every shop event. */
    public static final String ENV = "demo";

    /** The shop's embedded Jetty servers announce every start and stop at INFO; the demo's console needs none of it. */
    private static final String JETTY = "org.eclipse.jetty";

    private final List<Attached> attached;
    private final LoggerContext context;
    private final DebugBufferTurboFilter debugBuffer;
    private final Logger jetty;
    private final boolean jettyQuieted;

    private record Attached(Logger logger, LoglineAppender appender, Level previousLevel, boolean previousAdditive) {
    }

    private ShopLogShipping(List<Attached> attached, LoggerContext context, DebugBufferTurboFilter debugBuffer,
                            Logger jetty, boolean jettyQuieted) {
        this.attached = attached;
        this.context = context;
        this.debugBuffer = debugBuffer;
        this.jetty = jetty;
        this.jettyQuieted = jettyQuieted;
    }

    /**
     * Starts one appender per service sending to {@code loglineUrl}, spooling under {@code spoolDir/<service>}
     * while the server is away.
     *
     * @throws IllegalStateException when SLF4J is not bound to Logback, or an appender does not start
     */
    public static ShopLogShipping install(URI loglineUrl, Path spoolDir, List<ServiceIdentity> services) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException("the demo shop logs through Logback, but SLF4J is bound to "
                    + factory.getClass().getName() + "; put logback-classic on the classpath");
        }
        List<Attached> done = new ArrayList<>();
        Logger jetty = context.getLogger(JETTY);
        // Only when nobody configured Jetty's logging: an explicit level in logback.xml wins.
        boolean quiet = jetty.getLevel() == null;
        if (quiet) {
            jetty.setLevel(Level.WARN);
        }
        // DEBUG lines of a LogTrace with bufferDebug() are held, and written only if that process fails.
        DebugBufferTurboFilter debugBuffer = new DebugBufferTurboFilter();
        debugBuffer.setContext(context);
        debugBuffer.setName("shop-debug-buffer");
        debugBuffer.setLoggers(ShopLoggers.ROOT);
        debugBuffer.start();
        context.addTurboFilter(debugBuffer);
        try {
            for (ServiceIdentity service : services) {
                LoglineAppender appender = new LoglineAppender();
                appender.setContext(context);
                appender.setName("shop-" + service.name());
                appender.setUrl(loglineUrl.toString());
                appender.setService(service.name());
                appender.setVersion(service.version());
                appender.setEnv(ENV);
                appender.setSpoolDir(spoolDir.resolve(service.name()).toString());
                // A demo is watched live: send small batches soon rather than large ones late.
                appender.setLingerMs(100);
                appender.setFlushTimeoutMs(3000);
                appender.setMaxBackoffMs(2000);
                appender.start();
                if (!appender.isStarted()) {
                    throw new IllegalStateException("the log appender of " + service.name() + " did not start; "
                            + "see Logback's status messages");
                }
                Logger logger = context.getLogger(ShopLoggers.servicePrefix(service.name()));
                done.add(new Attached(logger, appender, logger.getLevel(), logger.isAdditive()));
                logger.setLevel(Level.INFO);
                // The shop's events go to the server only, not also to the console of whoever runs the demo.
                logger.setAdditive(false);
                logger.addAppender(appender);
            }
        } catch (RuntimeException e) {
            new ShopLogShipping(done, context, debugBuffer, jetty, quiet).close();
            throw e;
        }
        return new ShopLogShipping(List.copyOf(done), context, debugBuffer, jetty, quiet);
    }

    /** Events delivered to the server so far, over all services. */
    public long sent() {
        return attached.stream().mapToLong(a -> a.appender().metrics().getSent()).sum();
    }

    /** Delivers what is queued (bounded by the appenders' flush timeout) and puts the loggers back as they were. */
    @Override
    public void close() {
        for (Attached a : attached) {
            a.logger().detachAppender(a.appender());
            a.appender().stop();
            a.logger().setAdditive(a.previousAdditive());
            a.logger().setLevel(a.previousLevel());
        }
        context.getTurboFilterList().remove(debugBuffer);
        debugBuffer.stop();
        if (jettyQuieted) {
            jetty.setLevel(null);
        }
    }
}
