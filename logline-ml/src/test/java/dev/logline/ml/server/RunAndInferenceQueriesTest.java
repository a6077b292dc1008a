package dev.logline.ml.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.ml.inference.InferenceLog;
import dev.logline.ml.inference.InferenceSummary;
import dev.logline.ml.inference.InputSummary;
import dev.logline.ml.inference.ServedVersion;
import dev.logline.ml.run.RunLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Run and inference events shipped through LoglineAppender to a real server, read back with the queries the web
 * UI's run and inference pages send (docs/ML.md): the loss curve of a run, and per-version summaries that agree
 * with the per-prediction events they summarise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunAndInferenceQueriesTest {

    private ShippedToServer logline;
    private String runId;
    private final List<Double> losses = new ArrayList<>();
    private final List<InferenceSummary> summaries = new ArrayList<>();

    @BeforeAll
    void trainAndServe(@TempDir Path dir) throws Exception {
        logline = new ShippedToServer(dir);
        Logger log = logline.logger("ml.Trainer");
        try (RunLog run = RunLog.builder(log, "curve").tag("it").param("learning_rate", 0.3).start()) {
            runId = run.id();
            double loss = 1.0;
            for (int step = 1; step <= 12; step++) {
                loss *= 0.8;
                losses.add(loss);
                run.metric(step, Map.of("loss", loss, "accuracy", 1 - loss / 2));
            }
        }
        try (InferenceLog inference = InferenceLog.builder(logline.logger("ml.Serving"), "scorer")
                .summaryInterval(Duration.ZERO).build()) {
            Random r = new Random(3);
            for (String version : List.of("a", "b")) {
                ServedVersion v = inference.version(version);
                for (int i = 0; i < 300; i++) {
                    v.success((long) (Math.exp(1.5 + r.nextGaussian() * 0.7) * 1_000_000), InputSummary.shape(4), "ok",
                            r.nextDouble());
                }
            }
            summaries.addAll(inference.flush());
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (logline != null) {
            logline.close();
        }
    }

    @Test
    void theRunPagesQueryReturnsTheLossCurveInStepOrder() throws Exception {
        String q = "ml_event:metric run_id:" + runId + " | stats avg(metrics.loss) as loss, avg(metrics.accuracy) as accuracy by step";
        JsonNode table = logline.search(q, t -> t.path("rows").size() == 12);

        assertThat(table.path("columns")).extracting(JsonNode::asText).containsExactly("step", "loss", "accuracy");
        for (int i = 0; i < 12; i++) {
            JsonNode row = table.path("rows").get(i);
            assertThat(row.get(0).asLong()).isEqualTo(i + 1);
            assertThat(row.get(1).asDouble()).isCloseTo(losses.get(i), within(1e-12));
        }
        JsonNode end = logline.search("ml_event:run_end run_id:" + runId, b -> b.path("events").size() == 1)
                .path("events").get(0);
        assertThat(end.path("outcome").asText()).isEqualTo("ok");
        assertThat(end.path("metrics").path("loss").asDouble()).isCloseTo(losses.get(11), within(1e-12));
        assertThat(end.path("tags")).extracting(JsonNode::asText).containsExactly("it");
        // The run is one transaction: its trace holds all of its events.
        String traceId = end.path("trace_id").asText();
        JsonNode trace = logline.search("trace_id:" + traceId, b -> b.path("events").size() == 14);
        assertThat(trace.path("events")).allSatisfy(e -> assertThat(e.path("run_id").asText()).isEqualTo(runId));
    }

    @Test
    void summariesAgreeWithTheServersPercentilesOverThePredictions() throws Exception {
        JsonNode table = logline.search("ml_event:inference model:scorer | stats count(), p50(latency_ms), "
                + "p95(latency_ms), p99(latency_ms), max(latency_ms) by model_version", t -> t.path("rows").size() == 2
                && t.path("rows").get(1).get(1).asLong() == 300);
        logline.search("ml_event:inference_summary model:scorer", b -> b.path("events").size() == 2);

        for (JsonNode row : table.path("rows")) {
            InferenceSummary s = summaries.stream().filter(x -> x.version().equals(row.get(0).asText())).findFirst().orElseThrow();
            assertThat(s.count()).isEqualTo(row.get(1).asLong());
            assertThat(s.p50Ms()).isCloseTo(row.get(2).asDouble(), within(row.get(2).asDouble() * 0.005 + 0.001));
            assertThat(s.p95Ms()).isCloseTo(row.get(3).asDouble(), within(row.get(3).asDouble() * 0.005 + 0.001));
            assertThat(s.p99Ms()).isCloseTo(row.get(4).asDouble(), within(row.get(4).asDouble() * 0.005 + 0.001));
            assertThat(s.maxMs()).isEqualTo(row.get(5).asDouble());
        }
    }
}
