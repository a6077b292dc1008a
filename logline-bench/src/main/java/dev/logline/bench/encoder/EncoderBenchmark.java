package dev.logline.bench.encoder;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import dev.logline.logback.LoglineEncoder;
import net.logstash.logback.encoder.LogstashEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * LoglineEncoder against logstash-logback-encoder's LogstashEncoder and Logback's own JsonEncoder, encoding the
 * same pre-built events (see {@link BenchmarkEvents}); {@code encodeToStream} measures Logline without the
 * returned byte array that Logback's Encoder contract forces on every encoder.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EncoderBenchmark {

    @Param({"typical", "exception"})
    public String event;

    private LoggerContext context;
    private ILoggingEvent e;
    private LoglineEncoder logline;
    private LogstashEncoder logstash;
    private JsonEncoder logbackJson;
    private OutputStream sink;

    @Setup(Level.Trial)
    public void setUp(Blackhole bh) {
        context = new LoggerContext();
        e = "typical".equals(event) ? BenchmarkEvents.typical(context) : BenchmarkEvents.withException(context);
        logline = new LoglineEncoder();
        logline.setService("purchasing");
        logline.setEnv("prod");
        logline.setVersion("1.4.2");
        logline.setHost("node-1");
        start(logline);
        logstash = new LogstashEncoder();
        start(logstash);
        logbackJson = BenchmarkEvents.comparableJsonEncoder();
        start(logbackJson);
        sink = new OutputStream() {
            @Override
            public void write(int b) {
                bh.consume(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bh.consume(b);
                bh.consume(len);
            }
        };
    }

    private <T extends Encoder<ILoggingEvent>> void start(T encoder) {
        encoder.setContext(context);
        encoder.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        logline.stop();
        logstash.stop();
        logbackJson.stop();
        context.stop();
    }

    @Benchmark
    public byte[] loglineEncoder() {
        return logline.encode(e);
    }

    @Benchmark
    public void loglineEncodeToStream() throws IOException {
        logline.encodeTo(e, sink);
    }

    @Benchmark
    public byte[] logstashEncoder() {
        return logstash.encode(e);
    }

    @Benchmark
    public byte[] logbackJsonEncoder() {
        return logbackJson.encode(e);
    }
}
