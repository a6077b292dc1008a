package dev.logline.bench.appender;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What one logging call costs the application thread (p50/p99/p99.9 in SampleTime mode) when it ships through
 * LoglineAppender, logstash-logback-encoder's LogstashTcpSocketAppender or Log4j2's AsyncLogger with
 * JsonTemplateLayout; the same event (see {@link BenchEvent}) at the same paced rate (see {@link Caller}).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class AppenderCallBenchmark {

    @Benchmark
    public void loglineAppender(LoglinePeer peer, Caller caller) {
        peer.logger.info(BenchEvent.MESSAGE, BenchEvent.ORDER, BenchEvent.CUSTOMER);
    }

    /** Logback alone with an appender that only prepares the event: the floor under any async appender. */
    @Benchmark
    public void logbackFloor(FloorPeer peer, Caller caller) {
        peer.logger.info(BenchEvent.MESSAGE, BenchEvent.ORDER, BenchEvent.CUSTOMER);
    }

    @Benchmark
    public void logstashTcpAppender(LogstashPeer peer, Caller caller) {
        peer.logger.info(BenchEvent.MESSAGE, BenchEvent.ORDER, BenchEvent.CUSTOMER);
    }

    @Benchmark
    public void log4j2AsyncLogger(Log4jPeer peer, Caller caller) {
        peer.logger.info(BenchEvent.MESSAGE, BenchEvent.ORDER, BenchEvent.CUSTOMER);
    }
}
