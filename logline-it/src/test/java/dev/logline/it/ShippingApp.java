package dev.logline.it;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import dev.logline.logback.appender.LoglineAppender;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An "application": its own Logback context configured from {@code logline-it.xml}, shipping through a
 * {@link LoglineAppender}. Closing it stops Logback as an application's shutdown does.
 */
final class ShippingApp implements AutoCloseable {

    private final LoggerContext context = new LoggerContext();

    private ShippingApp(String url, Path spoolDir, Map<String, String> settings) throws JoranException {
        context.setName("it-app");
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        context.putProperty("url", url);
        context.putProperty("spoolDir", spoolDir.toString());
        settings.forEach(context::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(ShippingApp.class.getResource("/logline-it.xml"));
    }

    /** Starts an application whose appender ships to {@code url} and spools in {@code spoolDir}. */
    static ShippingApp start(String url, Path spoolDir, Map<String, String> settings) throws JoranException {
        return new ShippingApp(url, spoolDir, settings);
    }

    Logger logger(String name) {
        return context.getLogger(name);
    }

    LoglineAppender appender() {
        return (LoglineAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("LOGLINE");
    }

    /** Status messages at or above a level (Status.INFO, WARN, ERROR). */
    List<String> statuses(int level) {
        List<String> out = new ArrayList<>();
        for (Status s : context.getStatusManager().getCopyOfStatusList()) {
            if (s.getLevel() >= level) {
                out.add(s.getMessage());
            }
        }
        return out;
    }

    @Override
    public void close() {
        context.stop();
    }
}
