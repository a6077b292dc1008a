package dev.logline.bench.encoder;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import co.elastic.logging.logback.EcsEncoder;
import dev.logline.logback.LoglineEncoder;
import net.logstash.logback.encoder.LogstashEncoder;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
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
 * LoglineEncoder against logstash-logback-encoder's LogstashEncoder, Elastic's ECS encoder, Logback's own
 * JsonEncoder and Log4j2's JsonTemplateLayout (ECS template), encoding the same pre-built events (see
 * {@link BenchmarkEvents} and, for Log4j, their twins from {@link Log4jEvents}). Two pairs are like for like:
 * {@code loglineEncoder}/{@code jsonTemplateLayoutToByteArray} return a new array per event, and
 * {@code loglineEncodeToStream}/{@code jsonTemplateLayoutEncode} write into a stream or buffer the caller owns.
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
    private LogEvent log4jEvent;
    private LoglineEncoder logline;
    private LoglineEncoder loglineNoRedaction;
    private LogstashEncoder logstash;
    private EcsEncoder ecs;
    private JsonEncoder logbackJson;
    private JsonTemplateLayout jsonTemplate;
    private DiscardingDestination destination;
    private OutputStream sink;

    @Setup(Level.Trial)
    public void setUp(Blackhole bh) {
        context = new LoggerContext();
        e = "typical".equals(event) ? BenchmarkEvents.typical(context) : BenchmarkEvents.withException(context);
        log4jEvent = Log4jEvents.twinOf(e);
        logline = PeerEncoders.loglineEncoder();
        start(logline);
        loglineNoRedaction = PeerEncoders.loglineEncoderWithoutRedaction();
        start(loglineNoRedaction);
        logstash = new LogstashEncoder();
        start(logstash);
        ecs = PeerEncoders.ecsEncoder();
        start(ecs);
        logbackJson = BenchmarkEvents.comparableJsonEncoder();
        start(logbackJson);
        jsonTemplate = PeerEncoders.jsonTemplateLayoutEcs();
        destination = new DiscardingDestination();
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
        loglineNoRedaction.stop();
        logstash.stop();
        ecs.stop();
        logbackJson.stop();
        context.stop();
    }

    @Benchmark
    public byte[] loglineEncoder() {
        return logline.encode(e);
    }

    /** The same encoder with redaction off (the default is on with the built-in rules). */
    @Benchmark
    public byte[] loglineEncoderNoRedaction() {
        return loglineNoRedaction.encode(e);
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
    public byte[] ecsEncoder() {
        return ecs.encode(e);
    }

    @Benchmark
    public byte[] logbackJsonEncoder() {
        return logbackJson.encode(e);
    }

    @Benchmark
    public byte[] jsonTemplateLayoutToByteArray() {
        return jsonTemplate.toByteArray(log4jEvent);
    }

    @Benchmark
    public long jsonTemplateLayoutEncode() {
        jsonTemplate.encode(log4jEvent, destination);
        return destination.bytes();
    }
}
