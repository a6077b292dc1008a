package dev.logline.ml.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.context.ContextScope;
import dev.logline.context.CurrentTrace;
import dev.logline.core.trace.TraceContext;
import dev.logline.ml.EncodedEvents;
import dev.logline.ml.MlEvent;
import dev.logline.ml.dataset.DatasetHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunLogTest {

    private final EncodedEvents events = new EncodedEvents();
    private final Logger log = events.logger("ml.Trainer");

    @TempDir
    Path dir;

    /** A small real training loop: gradient descent on y = 3x + 1, logging as a training job would. */
    private String train(Path data) throws Exception {
        double w = 0, b = 0;
        double lr = 0.1;
        try (RunLog run = RunLog.builder(log, "linear").tag("unit", "nightly").param("learning_rate", lr)
                .param("epochs", 5).dataset("train", data).start()) {
            for (int epoch = 1; epoch <= 5; epoch++) {
                double loss = 0, gw = 0, gb = 0;
                for (int x = 0; x < 10; x++) {
                    double xs = x / 10.0, err = (w * xs + b) - (3 * xs + 1);
                    loss += err * err / 10;
                    gw += 2 * err * xs / 10;
                    gb += 2 * err / 10;
                }
                w -= lr * gw;
                b -= lr * gb;
                run.metric(epoch, epoch, Map.of("loss", loss, "w", w));
                if (epoch == 5) {
                    Path ckpt = dir.resolve("ckpt-5.txt");
                    Files.writeString(ckpt, w + "," + b);
                    run.checkpoint(epoch, ckpt, Map.of("loss", loss));
                }
            }
            Path model = dir.resolve("model.txt");
            Files.writeString(model, w + "," + b);
            run.artifact("model", model);
            return run.id();
        }
    }

    @Test
    void aTrainingLoopLogsItsRunFromStartToEnd() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("points.csv"), "x,y\n0,1\n1,4\n");
        String runId = train(data);

        List<JsonNode> all = events.all();
        assertThat(all).extracting(e -> e.path("ml_event").asText()).containsExactly("run_start", "metric",
                "metric", "metric", "metric", "metric", "checkpoint", "artifact", "run_end");
        // One run, one trace: every event carries the run and the same trace context, and the run's tags.
        assertThat(all).allSatisfy(e -> {
            assertThat(e.path("run_id").asText()).isEqualTo(runId);
            assertThat(e.path("run_name").asText()).isEqualTo("linear");
            assertThat(e.path("trace_id").asText()).matches("[0-9a-f]{32}").isEqualTo(all.get(0).path("trace_id").asText());
            assertThat(e.path("span_id").asText()).isEqualTo(all.get(0).path("span_id").asText());
            assertThat(texts(e.path("tags"))).containsExactly("unit", "nightly");
            assertThat(e.path("service").asText()).isEqualTo("trainer");
        });

        JsonNode start = all.get(0);
        assertThat(start.path("msg").asText()).isEqualTo("run started");
        assertThat(start.path("params").path("learning_rate").asDouble()).isEqualTo(0.1);
        assertThat(start.path("params").path("epochs").asInt()).isEqualTo(5);
        JsonNode train = start.path("datasets").path("train");
        assertThat(train.path("hash").asText()).isEqualTo(DatasetHash.of(data).hash());
        assertThat(train.path("files").asInt()).isEqualTo(1);
        assertThat(train.path("algorithm").asText()).isEqualTo(DatasetHash.ALGORITHM);
        assertThat(start.path("environment").path("java").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(start.path("environment").path("cpus").asInt()).isPositive();
        assertThat(start.path("environment").path("gpus").isInt()).isTrue();
        assertThat(texts(start.path("environment").path("libraries"))).anyMatch(l -> l.startsWith("slf4j-api-"));

        List<JsonNode> metrics = events.of(MlEvent.METRIC);
        assertThat(metrics).extracting(m -> m.path("step").asInt()).containsExactly(1, 2, 3, 4, 5);
        assertThat(metrics).extracting(m -> m.path("epoch").asInt()).containsExactly(1, 2, 3, 4, 5);
        List<Double> losses = metrics.stream().map(m -> m.path("metrics").path("loss").asDouble()).toList();
        assertThat(losses).isSortedAccordingTo((a, b) -> Double.compare(b, a));

        JsonNode ckpt = events.of(MlEvent.CHECKPOINT).get(0);
        assertThat(ckpt.path("step").asInt()).isEqualTo(5);
        assertThat(ckpt.path("checkpoint").path("hash").asText()).isEqualTo(DatasetHash.of(dir.resolve("ckpt-5.txt")).hash());
        assertThat(ckpt.path("checkpoint").path("bytes").asLong()).isEqualTo(Files.size(dir.resolve("ckpt-5.txt")));
        assertThat(ckpt.path("checkpoint").path("path").asText()).endsWith("ckpt-5.txt");
        assertThat(ckpt.path("metrics").path("loss").asDouble()).isEqualTo(losses.get(4));
        JsonNode artifact = events.of(MlEvent.ARTIFACT).get(0);
        assertThat(artifact.path("artifact").path("name").asText()).isEqualTo("model");

        JsonNode end = events.of(MlEvent.RUN_END).get(0);
        assertThat(end.path("level").asText()).isEqualTo("INFO");
        assertThat(end.path("msg").asText()).isEqualTo("run ended");
        assertThat(end.path("outcome").asText()).isEqualTo("ok");
        assertThat(end.path("duration_ms").asDouble()).isPositive();
        assertThat(end.path("metrics").path("loss").asDouble()).isEqualTo(losses.get(4));
        assertThat(end.has("reason")).isFalse();
    }

    @Test
    void aRunThatThrowsEndsAsAnErrorWithTheReason() {
        assertThatThrownBy(() -> RunLog.call(RunLog.builder(log, "diverging").environment(false), run -> {
            run.metric(1, Map.of("loss", Double.NaN, "accuracy", 0.5));
            throw new IllegalStateException("loss is NaN at step 1");
        })).isInstanceOf(IllegalStateException.class);

        JsonNode metric = events.of(MlEvent.METRIC).get(0);
        assertThat(metric.path("metrics").has("loss")).isFalse();
        assertThat(texts(metric.path("metrics_not_finite"))).containsExactly("loss");
        JsonNode end = events.of(MlEvent.RUN_END).get(0);
        assertThat(end.path("level").asText()).isEqualTo("ERROR");
        assertThat(end.path("msg").asText()).isEqualTo("run failed");
        assertThat(end.path("outcome").asText()).isEqualTo("error");
        assertThat(end.path("reason").asText()).isEqualTo("java.lang.IllegalStateException: loss is NaN at step 1");
        assertThat(end.path("error").path("type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(events.of(MlEvent.RUN_START).get(0).has("environment")).isFalse();
    }

    @Test
    void aCrashedRunIsOneThatNeverEnded() {
        RunLog run = RunLog.builder(log, "killed").environment(false).start();
        run.metric(1, "loss", 0.9);
        // The process dies here: no end event, so the run stays without an outcome.
        assertThat(events.of(MlEvent.RUN_START)).hasSize(1);
        assertThat(events.of(MlEvent.RUN_END)).isEmpty();
        assertThat(run.ended()).isFalse();
        run.fail("stopped by the test").close();
        run.close();
        assertThat(events.of(MlEvent.RUN_END)).hasSize(1);
        assertThat(events.of(MlEvent.RUN_END).get(0).path("reason").asText()).isEqualTo("stopped by the test");
    }

    @Test
    void aRunContinuesTheCurrentTraceAndBindsItForTheTrainingCodesOwnLines() {
        TraceContext outer = TraceContext.newRoot();
        RunLog run;
        try (ContextScope s = CurrentTrace.open(outer)) {
            run = RunLog.builder(log, "child").parent("sweep-1").environment(false).start();
        }
        try (RunScope bound = run.bind()) {
            log.info("loading shards");
        }
        log.info("after the run scope");
        run.close();

        List<JsonNode> all = events.all();
        assertThat(all.get(0).path("trace_id").asText()).isEqualTo(outer.traceId());
        assertThat(all.get(0).path("span_id").asText()).isNotEqualTo(outer.spanId());
        assertThat(all.get(0).path("parent_run_id").asText()).isEqualTo("sweep-1");
        JsonNode own = all.get(1);
        assertThat(own.path("msg").asText()).isEqualTo("loading shards");
        assertThat(own.path("run_id").asText()).isEqualTo(run.id());
        assertThat(own.path("trace_id").asText()).isEqualTo(outer.traceId());
        JsonNode after = all.get(2);
        assertThat(after.has("run_id")).isFalse();
        assertThat(after.has("trace_id")).isFalse();
    }

    @Test
    void paramsSetLaterAreTheirOwnEvent() {
        try (RunLog run = RunLog.builder(log, "tuned").environment(false).start()) {
            Map<String, Object> later = new LinkedHashMap<>();
            later.put("early_stopping_patience", 3);
            run.params(later);
        }
        assertThat(events.of(MlEvent.PARAMS).get(0).path("params").path("early_stopping_patience").asInt()).isEqualTo(3);
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
