package dev.logline.bench.appender;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.logline.logback.LoglineEncoder;
import dev.logline.logback.appender.LoglineAppender;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Logback with LoglineAppender (default queue, batch, linger, gzip) posting to a local {@link HttpIngestSink}. */
@State(Scope.Benchmark)
public class LoglinePeer {

    Logger logger;
    private LoggerContext context;
    private LoglineAppender appender;
    private HttpIngestSink sink;
    private Path spoolDir;

    @Setup
    public void start() throws IOException {
        sink = new HttpIngestSink();
        spoolDir = Files.createTempDirectory("logline-bench-spool");
        context = new LoggerContext();
        context.setName("bench-logline");
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        context.start();
        LoglineEncoder encoder = new LoglineEncoder();
        encoder.setContext(context);
        encoder.setService("purchasing");
        encoder.setEnv("bench");
        encoder.setVersion("1.0.0");
        encoder.setHost("bench-host");
        appender = new LoglineAppender();
        appender.setContext(context);
        appender.setName("bench");
        appender.setUrl(sink.url());
        appender.setSpoolDir(spoolDir.toString());
        appender.setJmx(false);
        appender.setStatusIntervalMs(0);
        appender.setEncoder(encoder);
        appender.start();
        if (!appender.isStarted()) {
            throw new IllegalStateException("LoglineAppender did not start: "
                    + context.getStatusManager().getCopyOfStatusList());
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        logger = context.getLogger(BenchEvent.LOGGER);
    }

    /** Events the sink accepted so far. */
    long received() {
        return sink.accepted();
    }

    @TearDown
    public void stop() throws IOException {
        context.stop();
        System.out.println("\n[logline] sink accepted " + sink.accepted() + " events; appender "
                + appender.metrics().summary());
        sink.close();
        try (Stream<Path> files = Files.walk(spoolDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
