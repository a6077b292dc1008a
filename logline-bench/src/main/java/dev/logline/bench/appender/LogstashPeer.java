package dev.logline.bench.appender;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import net.logstash.logback.appender.LogstashTcpSocketAppender;
import net.logstash.logback.encoder.LogstashEncoder;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;

/**
 * Logback with logstash-logback-encoder's asynchronous LogstashTcpSocketAppender (defaults: 8,192-slot ring buffer,
 * LogstashEncoder) writing to a local {@link DiscardingTcpSink}.
 */
@State(Scope.Benchmark)
public class LogstashPeer {

    Logger logger;
    private LoggerContext context;
    private LogstashTcpSocketAppender appender;
    private DiscardingTcpSink sink;

    @Setup
    public void start() throws IOException, InterruptedException {
        sink = new DiscardingTcpSink();
        context = new LoggerContext();
        context.setName("bench-logstash");
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        context.start();
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        appender = new LogstashTcpSocketAppender();
        appender.setContext(context);
        appender.setName("bench");
        appender.addDestination(sink.destination());
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        logger = context.getLogger(BenchEvent.LOGGER);
        // measure a connected appender, not one still buffering while it connects
        long end = System.nanoTime() + 5_000_000_000L;
        while (sink.connections() == 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        if (sink.connections() == 0) {
            throw new IllegalStateException("LogstashTcpSocketAppender did not connect to " + sink.destination());
        }
    }

    /** Bytes the sink read so far. */
    long received() {
        return sink.bytes();
    }

    @TearDown
    public void stop() throws IOException {
        context.stop();
        System.out.println("\n[logstash] sink received " + sink.bytes() + " bytes");
        sink.close();
    }
}
