package dev.logline.bench.ml;

import dev.logline.bench.context.BenchLoggers;
import dev.logline.ml.inference.InferenceLog;
import dev.logline.ml.inference.InputSummary;
import dev.logline.ml.inference.ServedVersion;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What one prediction logged through {@link InferenceLog} costs the calling thread (issue #17), beside a plain
 * {@code log.atInfo()} call carrying the same fields: {@code inferenceLog} logs every prediction (sample rate 1)
 * and records it in the version's summary window (a DDSketch update under a short lock); {@code inferenceLogSampled}
 * logs one in ten (the rest only update the summary). Sinks as in LogTraceBenchmark: {@code nop} drops events in
 * the appender, {@code encoder} writes LoglineEncoder JSON to a discarding stream.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class InferenceLogBenchmark {

    @Param({"nop", "encoder"})
    public String sink;

    private Logger log;
    private InferenceLog every;
    private InferenceLog sampled;
    private ServedVersion everyVersion;
    private ServedVersion sampledVersion;
    private Map<String, Object> features;
    private InputSummary input;
    private long latencyNanos = 12_345_678;

    @Setup
    public void setup() {
        log = BenchLoggers.create(sink);
        features = new LinkedHashMap<>();
        features.put("amount", 54.0);
        features.put("qty", 2);
        features.put("customer_age_days", 820);
        features.put("sku", "SKU-TEE-02");
        input = InputSummary.features(features);
        every = InferenceLog.builder(log, "fraud-lr").summaryInterval(Duration.ZERO).build();
        sampled = InferenceLog.builder(log, "fraud-lr").sampleRate(0.1).summaryInterval(Duration.ZERO).build();
        everyVersion = every.version("fraud-lr-2026.12.1");
        sampledVersion = sampled.version("fraud-lr-2026.12.1");
    }

    @TearDown
    public void tearDown() {
        every.close();
        sampled.close();
    }

    /** Varies the latency a little, so the sketch sees different buckets as in real traffic. */
    private long nextLatency() {
        latencyNanos = 5_000_000 + (latencyNanos * 1_103_515_245L + 12_345) % 20_000_000;
        return Math.abs(latencyNanos);
    }

    @Benchmark
    public void plainLogCall() {
        double ms = nextLatency() / 1_000 / 1_000.0;
        Map<String, Object> output = new LinkedHashMap<>(4);
        output.put("class", "legit");
        output.put("score", 0.21);
        log.atInfo().setMessage("prediction").addKeyValue("ml_event", "inference").addKeyValue("model", "fraud-lr")
                .addKeyValue("model_version", "fraud-lr-2026.12.1").addKeyValue("latency_ms", ms)
                .addKeyValue("outcome", "ok").addKeyValue("input", input.toAttributes()).addKeyValue("output", output)
                .log();
    }

    @Benchmark
    public void inferenceLog() {
        everyVersion.success(nextLatency(), input, "legit", 0.21);
    }

    @Benchmark
    public void inferenceLogSampled() {
        sampledVersion.success(nextLatency(), input, "legit", 0.21);
    }
}
