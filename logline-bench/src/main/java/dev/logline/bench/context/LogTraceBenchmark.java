package dev.logline.bench.context;

import dev.logline.context.logtrace.LogTrace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;

import java.util.concurrent.TimeUnit;

/**
 * What event logging costs (issue #3): one LogTrace with five steps, emitted as ONE event, against five plain
 * {@code log.info} calls, each its own event; through Logback to an appender that drops events ({@code nop}) or
 * through the LoglineEncoder to a stream that discards the bytes ({@code encoder}). With and without the caller
 * line numbers LogTrace finds with a stack walk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LogTraceBenchmark {

    @Param({"nop", "encoder"})
    public String sink;

    private Logger log;

    @Setup
    public void setup() {
        log = BenchLoggers.create(sink);
    }

    @Benchmark
    public LogTrace logTraceFiveStepsWithLines() {
        return fiveSteps(true);
    }

    @Benchmark
    public LogTrace logTraceFiveStepsNoLines() {
        return fiveSteps(false);
    }

    private LogTrace fiveSteps(boolean lines) {
        LogTrace t = LogTrace.start(log, "checkout").lines(lines);
        try (t) {
            t.add("cart loaded");
            t.add("stock reserved");
            t.put("order_id", "ORD987");
            t.add("payment authorised");
            t.add("order saved");
            t.add("confirmation queued");
        }
        return t;
    }

    @Benchmark
    public void fivePlainLogCalls() {
        log.info("cart loaded");
        log.info("stock reserved");
        log.info("payment authorised for order {}", "ORD987");
        log.info("order saved");
        log.info("confirmation queued");
    }
}
