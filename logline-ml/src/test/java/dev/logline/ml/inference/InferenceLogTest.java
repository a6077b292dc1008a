package dev.logline.ml.inference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.context.ContextScope;
import dev.logline.context.CurrentTrace;
import dev.logline.core.trace.TraceContext;
import dev.logline.ml.EncodedEvents;
import dev.logline.ml.MlEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

class InferenceLogTest {

    private final EncodedEvents events = new EncodedEvents();
    private final AtomicLong clock = new AtomicLong(1_800_000_000_000L);

    private InferenceLog.Builder inference() {
        return InferenceLog.builder(events.logger("shop.inference.Scoring"), "fraud-lr")
                .summaryInterval(Duration.ZERO).clock(clock::get);
    }

    @Test
    void summariesMatchThePredictionEventsTheySummarise() throws Exception {
        try (InferenceLog log = inference().build()) {
            ServedVersion stable = log.version("v1");
            ServedVersion canary = log.version("v2");
            // Four threads at once, as a server's request threads would be.
            ExecutorService pool = Executors.newFixedThreadPool(4);
            for (int t = 0; t < 4; t++) {
                int seed = t;
                pool.submit(() -> {
                    Random r = new Random(seed);
                    for (int i = 0; i < 400; i++) {
                        ServedVersion v = i % 5 == 0 ? canary : stable;
                        long nanos = (long) (Math.exp(2 + r.nextGaussian()) * 1_000_000);
                        if (r.nextInt(50) == 0) {
                            v.failure(nanos, InputSummary.shape(1, 8), new IllegalStateException("model not loaded"));
                        } else {
                            v.success(nanos, InputSummary.shape(1, 8), r.nextBoolean() ? "fraud" : "ok", r.nextDouble());
                        }
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            clock.addAndGet(60_000);
            assertThat(log.flush()).hasSize(2);
        }

        List<JsonNode> predictions = events.of(MlEvent.INFERENCE);
        assertThat(predictions).hasSize(1600);
        for (String version : List.of("v1", "v2")) {
            List<JsonNode> own = predictions.stream().filter(e -> e.path("model_version").asText().equals(version)).toList();
            double[] latencies = own.stream().mapToDouble(e -> e.path("latency_ms").asDouble()).sorted().toArray();
            long errors = own.stream().filter(e -> e.path("outcome").asText().equals("error")).count();
            JsonNode s = events.of(MlEvent.INFERENCE_SUMMARY).stream()
                    .filter(e -> e.path("model_version").asText().equals(version)).findFirst().orElseThrow();

            assertThat(s.path("model").asText()).isEqualTo("fraud-lr");
            assertThat(s.path("count").asLong()).isEqualTo(own.size());
            assertThat(s.path("errors").asLong()).isEqualTo(errors).isPositive();
            assertThat(s.path("sampled").asLong()).isEqualTo(own.size());
            assertThat(s.path("error_rate").asDouble()).isCloseTo((double) errors / own.size(), offset(1e-6));
            assertThat(s.path("latency_max_ms").asDouble()).isEqualTo(latencies[latencies.length - 1]);
            assertThat(s.path("latency_mean_ms").asDouble())
                    .isCloseTo(Arrays.stream(latencies).average().orElseThrow(), offset(0.001));
            // Nearest-rank, as LQL's pN: within the sketch's 0.5 % of the value at that rank.
            for (int p : new int[]{50, 95, 99}) {
                double exact = latencies[(int) Math.ceil(p / 100.0 * latencies.length) - 1];
                assertThat(s.path("latency_p" + p + "_ms").asDouble()).as("p%d of %s", p, version)
                        .isCloseTo(exact, within(exact * LatencyWindow.RELATIVE_ACCURACY + 0.001));
            }
            assertThat(s.path("window_start").asText()).isEqualTo("2027-01-15T08:00:00Z");
            assertThat(s.path("window_s").asDouble()).isEqualTo(60.0);
        }
        JsonNode failed = predictions.stream().filter(e -> e.path("outcome").asText().equals("error")).findFirst().orElseThrow();
        assertThat(failed.path("level").asText()).isEqualTo("ERROR");
        assertThat(failed.path("error").path("type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failed.has("output")).isFalse();
        JsonNode ok = predictions.stream().filter(e -> e.path("outcome").asText().equals("ok")).findFirst().orElseThrow();
        assertThat(ok.path("msg").asText()).isEqualTo("prediction");
        assertThat(ok.path("output").path("class").asText()).isIn("fraud", "ok");
        assertThat(ok.path("input").path("shape")).extracting(JsonNode::asInt).containsExactly(1, 8);
        assertThat(ok.path("input").path("size").asInt()).isEqualTo(8);
        assertThat(ok.has("sample_rate")).isFalse();
    }

    @Test
    void sampledPredictionsAreCountedInFullAndErrorsAlwaysKept() {
        try (InferenceLog log = inference().sampleRate(0.1).build()) {
            ServedVersion v = log.version("v1");
            for (int i = 0; i < 2000; i++) {
                if (i % 100 == 0) {
                    v.failure(1_000_000, InputSummary.NONE, new RuntimeException("boom"));
                } else {
                    v.success(1_000_000, InputSummary.NONE, "ok", 0.1);
                }
            }
            InferenceSummary s = log.flush().get(0);
            List<JsonNode> logged = events.of(MlEvent.INFERENCE);
            assertThat(s.count()).isEqualTo(2000);
            assertThat(s.errors()).isEqualTo(20);
            assertThat(s.sampled()).isEqualTo(logged.size());
            assertThat(logged.stream().filter(e -> e.path("outcome").asText().equals("error"))).hasSize(20);
            // 1,980 successes at 10 %: far from all, far from none.
            assertThat(logged.size() - 20).isBetween(100, 300);
            assertThat(logged).allSatisfy(e -> assertThat(e.path("sample_rate").asDouble()).isEqualTo(0.1));
            assertThat(logged).allSatisfy(e -> assertThat(e.has("input")).isFalse());
        }
    }

    @Test
    void samplingKeepsOrDropsAWholeTransaction() {
        try (InferenceLog log = inference().sampleRate(0.5).build()) {
            ServedVersion v = log.version("v1");
            Map<String, Integer> keptPerTrace = new LinkedHashMap<>();
            for (int t = 0; t < 40; t++) {
                TraceContext trace = TraceContext.newRoot();
                int before = events.of(MlEvent.INFERENCE).size();
                try (ContextScope s = CurrentTrace.open(trace)) {
                    for (int i = 0; i < 5; i++) {
                        v.success(2_000_000, InputSummary.NONE, "ok", 0.2);
                    }
                }
                keptPerTrace.put(trace.traceId(), events.of(MlEvent.INFERENCE).size() - before);
            }
            assertThat(keptPerTrace.values()).allMatch(n -> n == 0 || n == 5).contains(0, 5);
            events.of(MlEvent.INFERENCE).forEach(e -> assertThat(keptPerTrace.get(e.path("trace_id").asText())).isEqualTo(5));
        }
    }

    @Test
    void theInputRedactionHookRewritesWhatIsLogged() {
        try (InferenceLog log = inference().inputRedaction(input -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> features = (Map<String, Object>) input.get("features");
            features.put("email", "[REDACTED]");
            return input;
        }).build()) {
            log.version("v1").success(3_000_000, InputSummary.features(Map.of("email", "ana@example.com", "amount", 42.5)),
                    "ok", 0.3);
        }
        JsonNode input = events.of(MlEvent.INFERENCE).get(0).path("input");
        assertThat(input.path("features").path("email").asText()).isEqualTo("[REDACTED]");
        assertThat(input.path("features").path("amount").asDouble()).isEqualTo(42.5);
        assertThat(input.path("size").asInt()).isEqualTo(2);
        assertThat(events.all().toString()).doesNotContain("ana@example.com");
    }

    @Test
    void inputsPassLoglinesBuiltInRedactionByDefaultWhateverTheEncoder() {
        // An encoder that redacts nothing, as another backend's would: what reaches it is the hook's doing.
        EncodedEvents plain = new EncodedEvents(false);
        Map<String, Object> features = Map.of("card", "4111 1111 1111 1111", "amount", 42.5,
                "note", "paid with 4111-1111-1111-1111 today");
        try (InferenceLog log = InferenceLog.builder(plain.logger("scoring"), "fraud-lr")
                .summaryInterval(Duration.ZERO).clock(clock::get).build()) {
            log.version("v1").success(3_000_000, InputSummary.features(features), "ok", 0.3);
        }
        JsonNode input = plain.of(MlEvent.INFERENCE).get(0).path("input").path("features");
        assertThat(input.path("amount").asDouble()).isEqualTo(42.5);
        assertThat(input.path("card").asText()).isNotBlank().doesNotContain("4111");
        assertThat(input.path("note").asText()).startsWith("paid with ").doesNotContain("4111-1111-1111-1111");

        // Turned off, the input is logged as it is.
        try (InferenceLog log = InferenceLog.builder(plain.logger("scoring"), "fraud-lr")
                .summaryInterval(Duration.ZERO).clock(clock::get)
                .inputRedaction(java.util.function.UnaryOperator.identity()).build()) {
            log.version("v1").success(3_000_000, InputSummary.features(features), "ok", 0.3);
        }
        assertThat(plain.of(MlEvent.INFERENCE).get(1).path("input").path("features").path("card").asText())
                .isEqualTo("4111 1111 1111 1111");
    }

    @Test
    void eachFlushStartsTheNextIntervalAndAQuietVersionLogsNoSummary() {
        try (InferenceLog log = inference().build()) {
            ServedVersion v = log.version("v1");
            log.version("idle");
            v.success(5_000_000, InputSummary.text("héllo"), "ok", 0.5);
            clock.addAndGet(60_000);
            assertThat(log.flush()).extracting(InferenceSummary::count).containsExactly(1L);
            v.success(7_000_000, InputSummary.NONE, "ok", 0.5);
            v.success(9_000_000, InputSummary.NONE, "ok", 0.5);
            clock.addAndGet(30_000);
            InferenceSummary second = log.flush().get(0);
            assertThat(second.count()).isEqualTo(2);
            assertThat(second.p50Ms()).isCloseTo(7.0, offset(7.0 * LatencyWindow.RELATIVE_ACCURACY));
            assertThat(second.maxMs()).isEqualTo(9.0);
            assertThat(second.endMillis() - second.startMillis()).isEqualTo(30_000);
            assertThat(log.flush()).isEmpty();
        }
        assertThat(events.of(MlEvent.INFERENCE).get(0).path("input").path("bytes").asInt()).isEqualTo(6);
        assertThat(events.of(MlEvent.INFERENCE_SUMMARY)).hasSize(2)
                .allSatisfy(e -> assertThat(e.path("model_version").asText()).isEqualTo("v1"));
    }
}
