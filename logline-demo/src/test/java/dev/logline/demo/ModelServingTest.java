package dev.logline.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.demo.http.FormBody;
import dev.logline.demo.inference.InferenceService;
import dev.logline.demo.inventory.Catalog;
import dev.logline.demo.inventory.Product;
import dev.logline.demo.model.CustomerDirectory;
import dev.logline.demo.training.TrainingSettings;
import dev.logline.ml.drift.FeatureDrift;
import dev.logline.ml.inference.InferenceSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The models of the demo from training to serving, against a real server: the two training runs logged end to
 * end, the inference service's per-version summaries, and a drift event once new accounts dominate the inputs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelServingTest {

    private LoglineUnderTest logline;
    private ShopDemo shop;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        logline = new LoglineUnderTest(dir.resolve("data"));
        // No background traffic: the test decides every input the model sees.
        shop = ShopDemo.start(DemoSettings.defaults(logline.url(), dir.resolve("spool")).withPurchasesPerSecond(0)
                .withDriftShare(0));
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (shop != null) {
                shop.close();
            }
        } finally {
            if (logline != null) {
                logline.close();
            }
        }
    }

    /**
     * Scores {@code n} orders of the given customers at once, straight at the inference service, drawn as the
     * shop's traffic draws them (the discontinued lamp a tenth of the time: ordering scores those orders too).
     */
    private void score(int n, List<String> customers, long seed) {
        Random r = new Random(seed);
        List<Product> products = Catalog.available();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Product p = r.nextInt(10) == 0 ? Catalog.product(Catalog.DISCONTINUED_SKU)
                    : products.get(r.nextInt(products.size()));
            int qty = 1 + r.nextInt(3);
            Map<String, String> form = new LinkedHashMap<>();
            form.put("order_id", "ORD-TEST-" + seed + "-" + i);
            form.put("customer", customers.get(r.nextInt(customers.size())));
            form.put("sku", p.sku());
            form.put("qty", Integer.toString(qty));
            form.put("amount", Double.toString(Math.round(p.price() * qty * 100) / 100.0));
            calls.add(http.sendAsync(FormBody.post(HttpRequest.newBuilder(shop.inferenceUri().resolve("/score")), form)
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        assertThat(calls).allSatisfy(c -> assertThat(c.join().statusCode()).isEqualTo(200));
    }

    @Test
    void bothTrainingRunsAreLoggedFromStartToEnd() throws Exception {
        JsonNode ends = logline.awaitSearch("service:training ml_event:run_end", a -> a.path("events").size() == 2);
        for (JsonNode end : ends.path("events")) {
            assertThat(end.path("outcome").asText()).isEqualTo("ok");
            assertThat(end.path("run_name").asText()).isEqualTo("fraud-lr");
            String run = end.path("run_id").asText();
            JsonNode start = logline.search("ml_event:run_start run_id:" + run).path("events").get(0);
            assertThat(start.path("params").path("model_version").asText()).startsWith("fraud-lr-");
            assertThat(start.path("datasets").path("train").path("hash").asText()).matches("[0-9a-f]{64}");
            JsonNode curve = logline.search("ml_event:metric run_id:" + run + " | stats avg(metrics.val_loss) as val_loss by step");
            List<JsonNode> points = StreamSupport.stream(curve.path("rows").spliterator(), false)
                    .filter(row -> !row.get(1).isNull()).toList();
            assertThat(points).hasSize(TrainingSettings.STABLE.epochs());
            assertThat(points.get(points.size() - 1).get(1).asDouble()).isLessThan(points.get(0).get(1).asDouble());
            assertThat(logline.search("ml_event:checkpoint run_id:" + run).path("events")).hasSize(3);
            assertThat(logline.search("ml_event:artifact run_id:" + run).path("events"))
                    .extracting(a -> a.path("artifact").path("name").asText())
                    .containsExactlyInAnyOrder("model", "drift_baseline");
        }
    }

    @Test
    void predictionsAreSummarisedPerModelVersionAndNewAccountsRaiseADriftEvent() throws Exception {
        score(150, CustomerDirectory.regulars(), 1);
        List<FeatureDrift> calm = shop.inference().checkDrift();
        assertThat(calm).isNotEmpty().noneMatch(FeatureDrift::drifted);

        List<String> newAccounts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            newAccounts.add(CustomerDirectory.NEW_ACCOUNT_PREFIX + (1000 + i));
        }
        score(InferenceService.DRIFT_WINDOW, newAccounts, 2);
        List<FeatureDrift> wave = shop.inference().checkDrift();
        assertThat(wave).filteredOn(FeatureDrift::drifted).extracting(FeatureDrift::feature)
                .containsExactly("customer_age_days");

        List<InferenceSummary> summaries = shop.inference().flushSummaries();
        assertThat(summaries.stream().mapToLong(InferenceSummary::count).sum())
                .isEqualTo(150 + InferenceService.DRIFT_WINDOW);
        assertThat(summaries).extracting(InferenceSummary::version).contains(TrainingSettings.STABLE.version());

        JsonNode drift = logline.awaitSearch("service:inference ml_event:drift", a -> a.path("events").size() == 1).path("events").get(0);
        assertThat(drift.path("level").asText()).isEqualTo("WARN");
        assertThat(drift.path("feature").asText()).isEqualTo("customer_age_days");
        assertThat(drift.path("model").asText()).isEqualTo(InferenceService.MODEL);
        assertThat(drift.path("baseline").asText()).startsWith("run:");
        JsonNode table = logline.awaitSearch("ml_event:inference_summary | stats sum(count) as predictions",
                a -> a.path("rows").size() == 1 && a.path("rows").get(0).get(0).asLong() == 150 + InferenceService.DRIFT_WINDOW);
        assertThat(table.path("columns").get(0).asText()).isEqualTo("predictions");
    }
}
