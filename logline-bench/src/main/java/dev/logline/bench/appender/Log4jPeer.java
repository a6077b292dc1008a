package dev.logline.bench.appender;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.OutputStreamAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Log4j2 with an asynchronous root logger (AsyncLoggerConfig on the LMAX Disruptor, defaults) and JsonTemplateLayout
 * with the ECS template, writing to a stream that discards the bytes.
 */
@State(Scope.Benchmark)
public class Log4jPeer {

    Logger logger;
    private LoggerContext context;
    private DiscardingCountingStream sink;

    @Setup
    public void start() {
        ConfigurationBuilder<BuiltConfiguration> builder = ConfigurationBuilderFactory.newConfigurationBuilder();
        builder.setConfigurationName("appender-bench");
        builder.setStatusLevel(Level.WARN);
        builder.add(builder.newAsyncRootLogger(Level.INFO));
        // a private context, not LogManager's: nothing else in this JVM shares it
        context = new LoggerContext("appender-bench");
        context.start(builder.build());
        Configuration config = context.getConfiguration();
        JsonTemplateLayout layout = JsonTemplateLayout.newBuilder()
                .setConfiguration(config)
                .setEventTemplateUri("classpath:EcsLayout.json")
                .build();
        sink = new DiscardingCountingStream();
        OutputStreamAppender out = OutputStreamAppender.newBuilder()
                .setName("discard")
                .setTarget(sink)
                .setLayout(layout)
                .setConfiguration(config)
                .build();
        out.start();
        config.addAppender(out);
        config.getRootLogger().addAppender(out, null, null);
        context.updateLoggers();
        logger = context.getLogger(BenchEvent.LOGGER);
    }

    /** Bytes the layout wrote so far. */
    long received() {
        return sink.bytes();
    }

    @TearDown
    public void stop() {
        context.stop();
        System.out.println("\n[log4j2] layout wrote " + sink.bytes() + " bytes");
    }
}
