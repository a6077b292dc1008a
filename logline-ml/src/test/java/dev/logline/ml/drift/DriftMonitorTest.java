package dev.logline.ml.drift;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.ml.EncodedEvents;
import dev.logline.ml.MlEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class DriftMonitorTest {

    private final EncodedEvents events = new EncodedEvents();
    private final AtomicLong clock = new AtomicLong(1_800_000_000_000L);

    private static DriftBaseline baseline() {
        Random r = new Random(11);
        DriftBaseline.Builder b = DriftBaseline.builder("run:abc123");
        for (int i = 0; i < 5000; i++) {
            b.add(Map.of("amount", 40 + 10 * r.nextGaussian(), "sku", r.nextBoolean() ? "mug" : "tee"));
        }
        return b.build();
    }

    private DriftMonitor monitor(DriftBaseline baseline) {
        return DriftMonitor.builder(events.logger("shop.inference.Drift"), baseline).model("fraud-lr", "v2")
                .window(300).minWindow(200).every(Duration.ZERO).clock(clock::get).build();
    }

    @Test
    void aShiftedFeatureLogsADriftEventWithWhatWasCompared() {
        try (DriftMonitor m = monitor(baseline())) {
            Random r = new Random(12);
            for (int i = 0; i < 300; i++) {
                clock.addAndGet(100);
                // amount moved up by two standard deviations; sku as in the reference.
                m.observe(Map.of("amount", 60 + 10 * r.nextGaussian(), "sku", r.nextBoolean() ? "mug" : "tee",
                        "unknown_feature", 1));
            }
            List<FeatureDrift> results = m.check();

            assertThat(results).extracting(FeatureDrift::feature).containsExactlyInAnyOrder("amount", "sku");
            assertThat(results).filteredOn(FeatureDrift::drifted).extracting(FeatureDrift::feature)
                    .containsExactly("amount");
        }
        JsonNode check = events.of(MlEvent.DRIFT_CHECK).get(0);
        assertThat(check.path("level").asText()).isEqualTo("INFO");
        assertThat(check.path("psi").path("amount").asDouble()).isGreaterThan(1);
        assertThat(check.path("psi").path("sku").asDouble()).isLessThan(0.1);
        assertThat(check.path("ks").has("sku")).isFalse();
        assertThat(check.path("drifted")).extracting(JsonNode::asText).containsExactly("amount");
        assertThat(check.path("window_size").asInt()).isEqualTo(300);

        List<JsonNode> drift = events.of(MlEvent.DRIFT);
        assertThat(drift).hasSize(1);
        JsonNode d = drift.get(0);
        assertThat(d.path("level").asText()).isEqualTo("WARN");
        assertThat(d.path("msg").asText()).startsWith("drift detected: amount (psi ");
        assertThat(d.path("feature").asText()).isEqualTo("amount");
        assertThat(d.path("statistic").asText()).isEqualTo("psi");
        assertThat(d.path("psi_threshold").asDouble()).isEqualTo(0.2);
        assertThat(d.path("ks").asDouble()).isGreaterThan(d.path("ks_threshold").asDouble());
        assertThat(d.path("baseline").asText()).isEqualTo("run:abc123");
        assertThat(d.path("baseline_count").asLong()).isEqualTo(5000);
        assertThat(d.path("model").asText()).isEqualTo("fraud-lr");
        assertThat(d.path("model_version").asText()).isEqualTo("v2");
        assertThat(d.path("window_start").asText()).isEqualTo("2027-01-15T08:00:00.100Z");
        assertThat(d.path("window_end").asText()).isEqualTo("2027-01-15T08:00:30Z");
    }

    @Test
    void aWindowBelowTheMinimumIsNotJudged() {
        try (DriftMonitor m = monitor(baseline())) {
            for (int i = 0; i < 199; i++) {
                m.observe(Map.of("amount", 1000.0, "sku", "lamp"));
            }
            assertThat(m.check()).isEmpty();
        }
        assertThat(events.all()).isEmpty();
    }

    @Test
    void theSlidingWindowForgetsOldValues() {
        try (DriftMonitor m = monitor(baseline())) {
            Random r = new Random(13);
            for (int i = 0; i < 300; i++) {
                m.observe(Map.of("amount", 90.0));
            }
            assertThat(m.check().get(0).drifted()).isTrue();
            // 300 values like the reference push the drifted ones out of the 300-value window.
            for (int i = 0; i < 300; i++) {
                m.observe(Map.of("amount", 40 + 10 * r.nextGaussian()));
            }
            assertThat(m.check().get(0).drifted()).isFalse();
        }
    }

    @Test
    void aBaselineSurvivesItsJsonFile(@TempDir Path dir) {
        DriftBaseline original = baseline();
        Path file = dir.resolve("baseline.json");
        original.write(file);
        DriftBaseline read = DriftBaseline.read(file);

        assertThat(read.name()).isEqualTo("run:abc123");
        NumericBaseline a = (NumericBaseline) original.features().get("amount");
        NumericBaseline b = (NumericBaseline) read.features().get("amount");
        assertThat(b.edges()).containsExactly(a.edges());
        assertThat(b.expected()).containsExactly(a.expected());
        assertThat(b.count()).isEqualTo(5000);
        assertThat(((CategoricalBaseline) read.features().get("sku")).counts())
                .isEqualTo(((CategoricalBaseline) original.features().get("sku")).counts());
        FeatureWindow w = FeatureWindow.ofNumbers(DriftStatisticsTest.normal(new Random(3), 500, 45, 10));
        assertThat(b.compare(w, DriftThresholds.DEFAULT)).isEqualTo(a.compare(w, DriftThresholds.DEFAULT));
    }
}
