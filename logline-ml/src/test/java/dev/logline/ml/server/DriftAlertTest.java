package dev.logline.ml.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.ml.drift.DriftBaseline;
import dev.logline.ml.drift.DriftMonitor;
import dev.logline.ml.drift.FeatureDrift;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drift alert rule docs/ML.md gives, against a real server: a DriftMonitor that sees shifted inputs logs a drift
 * event through LoglineAppender, and the rule ({@code ml_event:drift}, {@code count() > 0} by model and feature)
 * breaches for that model and feature only.
 */
class DriftAlertTest {

    @Test
    void aDriftEventMakesTheDriftRuleBreachForItsModelAndFeature(@TempDir Path dir) throws Exception {
        try (ShippedToServer logline = new ShippedToServer(dir)) {
            Random r = new Random(11);
            DriftBaseline.Builder reference = DriftBaseline.builder("run:fraud-train");
            for (int i = 0; i < 2_000; i++) {
                reference.add(Map.of("amount", 50 + 10 * r.nextGaussian(), "channel", i % 2 == 0 ? "web" : "app"));
            }
            DriftMonitor drift = DriftMonitor.builder(logline.logger("ml.Serving"), reference.build())
                    .model("fraud-lr", "fraud-lr-1").window(500).minWindow(200).every(Duration.ZERO).build();
            // The amounts move up by a whole standard deviation; the channels keep their mix.
            for (int i = 0; i < 500; i++) {
                drift.observe(Map.of("amount", 60 + 10 * r.nextGaussian(), "channel", i % 2 == 0 ? "web" : "app"));
            }
            List<FeatureDrift> found = drift.check();
            assertThat(found.stream().filter(FeatureDrift::drifted)).extracting(FeatureDrift::feature)
                    .containsExactly("amount");

            logline.search("ml_event:drift", b -> b.path("events").size() >= 1);
            ShippedToServer.Answer test = logline.post("/api/v1/alerts/test", "{\"name\": \"input drift\", "
                    + "\"query\": \"ml_event:drift\", \"window\": \"1h\", \"condition\": \"count() > 0\", "
                    + "\"by\": [\"model\", \"feature\"], \"severity\": \"warning\"}");
            assertThat(test.status()).as(test.body().toString()).isEqualTo(200);
            assertThat(test.body().path("breaching").asBoolean()).isTrue();
            JsonNode groups = test.body().path("groups");
            assertThat(groups).hasSize(1);
            assertThat(groups.get(0).path("breaching").asBoolean()).isTrue();
            assertThat(groups.get(0).path("group").toString()).contains("fraud-lr", "amount");
        }
    }
}
