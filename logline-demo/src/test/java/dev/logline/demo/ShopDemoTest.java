package dev.logline.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.demo.traffic.Purchase;
import dev.logline.demo.traffic.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole demo in-process: a real Logline server with the embedded store, the shop's services on random ports
 * shipping through LoglineAppender, and background traffic; then what a user would look up over the HTTP API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopDemoTest {

    private LoglineUnderTest logline;
    private ShopDemo shop;
    private Purchase placed;
    private Purchase timedOut;
    private Purchase outOfStock;

    @BeforeAll
    void startTheShop(@TempDir Path dir) throws Exception {
        logline = new LoglineUnderTest(dir.resolve("data"));
        shop = ShopDemo.start(DemoSettings.defaults(logline.url(), dir.resolve("spool"))
                .withPurchasesPerSecond(3).withSeed(7));
        placed = shop.traffic().purchase(Scenario.PLACED);
        timedOut = shop.traffic().purchase(Scenario.PAYMENT_TIMEOUT);
        outOfStock = shop.traffic().purchase(Scenario.OUT_OF_STOCK);
        // Each service writes a request event when it answers and ships through its own appender, in order: once
        // every request event of a purchase is searchable (a timeout has one more, inventory's /release), its
        // transaction is complete in every service.
        for (Purchase p : List.of(placed, timedOut, outOfStock)) {
            int requests = p == timedOut ? 5 : 4;
            logline.awaitSearch("logger:/shop\\.[a-z]+\\.request/ order_id:" + p.orderId(),
                    a -> a.path("events").size() == requests);
        }
    }

    @AfterAll
    void stopTheShop() throws Exception {
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

    @Test
    void ordersAreAnsweredByTheirScenario() {
        assertThat(placed.status()).isEqualTo(201);
        assertThat(timedOut.status()).isEqualTo(502);
        assertThat(outOfStock.status()).isEqualTo(409);
        assertThat(List.of(placed, timedOut, outOfStock)).allSatisfy(p -> {
            assertThat(p.traceId()).matches("[0-9a-f]{32}");
            assertThat(p.orderId()).startsWith("ORD-");
        });
    }

    @Test
    void onePurchaseIsOneTraceAcrossTheServicesInTimeOrder() throws Exception {
        JsonNode trace = logline.get("/api/v1/traces/" + placed.traceId());
        List<JsonNode> events = list(trace.path("events"));

        assertThat(services(events)).contains("inventory", "purchasing", "ordering", "inference");
        assertThat(events).allSatisfy(e -> assertThat(e.path("trace_id").asText()).isEqualTo(placed.traceId()));
        // In the transaction's order: by start (a request event starts duration_ms before its ts), docs/API.md.
        List<Double> starts = events.stream().map(e -> e.path("_offset_ms").asDouble()).toList();
        assertThat(starts).isSorted();
        assertThat(starts.get(0)).isZero();
        assertThat(trace.path("duration_ms").asDouble()).isEqualTo(events.stream()
                .mapToDouble(e -> e.path("_end_offset_ms").asDouble()).max().orElseThrow());
        // The correlation field is on every event of the purchase, in every service, on every thread.
        assertThat(events).allSatisfy(e -> assertThat(e.path("order_id").asText()).isEqualTo(placed.orderId()));
        assertThat(events.stream().map(e -> e.path("thread").asText()))
                .anyMatch(t -> t.startsWith("purchasing-worker-"))
                .anyMatch(t -> t.startsWith("ordering-worker-"));
        // One request event per service hop.
        assertThat(events.stream().filter(e -> e.path("logger").asText().endsWith(".request"))
                .map(e -> e.path("msg").asText()))
                .containsExactlyInAnyOrder("POST /orders 201", "POST /purchase 200", "POST /reserve 200", "POST /score 200");
        assertThat(messages(events)).contains("order received", "cart validated", "purchase started",
                "velocity check passed", "inventory answered", "purchase completed", "order placed");
        assertThat(trace.path("lanes").size()).isEqualTo(4);
        // A charge that succeeds drops its held DEBUG lines: nothing below INFO is shipped.
        assertThat(events).extracting(e -> e.path("level").asText()).doesNotContain("DEBUG", "TRACE");
    }

    @Test
    void logTraceEventsCarryTheirSteps() throws Exception {
        List<JsonNode> events = list(logline.get("/api/v1/traces/" + placed.traceId()).path("events"));

        assertThat(steps(one(events, "authenticate"))).containsExactly("session cookie present", "token valid", "customer loaded");
        assertThat(steps(one(events, "reserve stock"))).containsExactly("stock row locked", "availability checked", "reservation written");
        assertThat(steps(one(events, "charge card"))).containsExactly("card tokenized", "gateway called", "charge captured");
        JsonNode score = one(events, "score order");
        assertThat(steps(score)).containsExactly("features loaded", "model invoked", "score computed");
        assertThat(score.path("service").asText()).isEqualTo("inference");
        assertThat(score.path("model_version").asText()).startsWith("fraud-lr-");
        assertThat(score.path("features_hash").asText()).matches("[0-9a-f]{12}");
        assertThat(score.path("latency_ms").isNumber()).isTrue();
        assertThat(score.path("duration_ms").asDouble()).isPositive();
        assertThat(one(events, "charge card").path("steps").get(2).path("t_ms").asDouble())
                .isGreaterThan(one(events, "charge card").path("steps").get(0).path("t_ms").asDouble());
    }

    @Test
    void aPaymentTimeoutIsAnErrorWithItsException() throws Exception {
        List<JsonNode> events = list(logline.get("/api/v1/traces/" + timedOut.traceId()).path("events"));

        JsonNode charge = one(events, "charge card");
        assertThat(charge.path("level").asText()).isEqualTo("ERROR");
        assertThat(charge.path("service").asText()).isEqualTo("purchasing");
        assertThat(charge.path("outcome").asText()).isEqualTo("error");
        assertThat(charge.path("error").path("type").asText()).isEqualTo("java.net.http.HttpTimeoutException");
        assertThat(charge.path("error").path("stack").asText()).isNotEmpty();
        assertThat(steps(charge)).endsWith("gateway timed out");
        // The charge's DEBUG lines were held in its debug buffer, and written because it failed.
        JsonNode debug = one(events, "charge request sent to gateway");
        assertThat(debug.path("level").asText()).isEqualTo("DEBUG");
        assertThat(debug.path("order_id").asText()).isEqualTo(timedOut.orderId());
        assertThat(debug.path("timeout_ms").asInt()).isEqualTo(500);
        // The stock taken for the failed order goes back, and ordering reports the failure.
        JsonNode released = one(events, "reservation released");
        assertThat(released.path("service").asText()).isEqualTo("inventory");
        assertThat(released.path("reason").asText()).isEqualTo("payment_timeout");
        assertThat(one(events, "order failed: payment not completed").path("level").asText()).isEqualTo("ERROR");
        assertThat(one(events, "POST /purchase 504").path("level").asText()).isEqualTo("ERROR");

        // The same errors are found by query, as in the UI's search bar.
        JsonNode found = logline.search("level:ERROR service:purchasing error.type:java.net.http.HttpTimeoutException");
        assertThat(list(found.path("events"))).extracting(e -> e.path("order_id").asText()).contains(timedOut.orderId());
    }

    @Test
    void outOfStockIsAWarningAndTheOrderStopsThere() throws Exception {
        JsonNode byOrder = logline.get("/api/v1/traces?field=order_id&value=" + encode(outOfStock.orderId()));
        List<JsonNode> events = list(byOrder.path("events"));

        JsonNode warn = one(events, "out of stock");
        assertThat(warn.path("level").asText()).isEqualTo("WARN");
        assertThat(warn.path("service").asText()).isEqualTo("inventory");
        assertThat(warn.path("available").asInt()).isZero();
        assertThat(messages(events)).contains("purchase declined: out of stock", "order rejected: out of stock")
                .doesNotContain("charge card");
        // Found by the correlation field alone, it is the same transaction as by its trace id.
        assertThat(events).allSatisfy(e -> assertThat(e.path("trace_id").asText()).isEqualTo(outOfStock.traceId()));
    }

    @Test
    void backgroundTrafficKeepsTheShopBusy() throws Exception {
        JsonNode table = logline.await("/api/v1/search?last=1h&q=" + encode("logger:shop.ordering.request | stats count() by status"),
                a -> list(a.path("rows")).stream().mapToLong(r -> r.get(1).asLong()).sum() >= 6);
        assertThat(list(table.path("columns"))).extracting(JsonNode::asText).containsExactly("status", "count");
        assertThat(shop.traffic().answersByStatus()).containsKey(201);
        assertThat(shop.eventsShipped()).isPositive();
        JsonNode perService = logline.search("* | stats count() by service");
        assertThat(list(perService.path("rows"))).extracting(r -> r.get(0).asText())
                .contains("inventory", "purchasing", "ordering", "inference");
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static Set<String> services(List<JsonNode> events) {
        Set<String> out = new TreeSet<>();
        events.forEach(e -> out.add(e.path("service").asText()));
        return out;
    }

    private static List<String> messages(List<JsonNode> events) {
        return events.stream().map(e -> e.path("msg").asText()).toList();
    }

    private static JsonNode one(List<JsonNode> events, String msg) {
        List<JsonNode> matching = events.stream().filter(e -> e.path("msg").asText().equals(msg)).toList();
        assertThat(matching).as("events with msg '%s' in %s", msg, messages(events)).hasSize(1);
        return matching.get(0);
    }

    private static List<String> steps(JsonNode event) {
        List<String> out = new ArrayList<>();
        event.path("steps").forEach(s -> out.add(s.path("msg").asText()));
        return out;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
