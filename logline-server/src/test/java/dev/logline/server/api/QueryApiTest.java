package dev.logline.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.core.LogEvent;
import dev.logline.core.Timestamps;
import dev.logline.server.ServerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.logline.server.ServerFixture.enc;
import static dev.logline.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiTest {

    ServerFixture fx;
    final Instant base = Instant.now().minusSeconds(600);

    String ts(long offsetMillis) {
        return Timestamps.formatMicros(LogEvent.toMicros(base.plusMillis(offsetMillis)));
    }

    @BeforeAll
    void start(@TempDir Path dir) {
        fx = new ServerFixture(dir);
        StringBuilder b = new StringBuilder();
        // 25 page events: 10 payments (3 errors), 15 ordering.
        for (int i = 0; i < 25; i++) {
            String service = i < 10 ? "payments" : "ordering";
            String level = i < 3 ? "ERROR" : "INFO";
            b.append("{\"ts\":\"").append(ts(i * 1000L)).append("\",\"level\":\"").append(level)
                    .append("\",\"msg\":\"paging event ").append(i).append("\",\"service\":\"").append(service)
                    .append("\",\"host\":\"node-1\",\"latency_ms\":").append(i * 10).append("}\n");
        }
        // One transaction across three services, with a LogTrace event and an error.
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        b.append("{\"ts\":\"").append(ts(100_000)).append("\",\"msg\":\"order received\",\"service\":\"ordering\",")
                .append("\"trace_id\":\"").append(trace).append("\",\"order_id\":\"ORD987\"}\n");
        b.append("{\"ts\":\"").append(ts(100_150)).append("\",\"msg\":\"authenticate\",\"service\":\"purchasing\",")
                .append("\"trace_id\":\"").append(trace).append("\",\"order_id\":\"ORD987\",\"duration_ms\":107.9,")
                .append("\"steps\":[{\"t_ms\":0.6,\"dt_ms\":0.6,\"line\":132,\"msg\":\"auth header present\"},")
                .append("{\"t_ms\":105.7,\"dt_ms\":105.1,\"line\":140,\"msg\":\"token valid\"}]}\n");
        b.append("{\"ts\":\"").append(ts(100_300)).append("\",\"level\":\"ERROR\",\"msg\":\"stock check failed\",")
                .append("\"service\":\"inventory\",\"trace_id\":\"").append(trace).append("\",\"order_id\":\"ORD987\",")
                .append("\"error\":{\"type\":\"java.net.SocketTimeoutException\",\"message\":\"read timed out\"}}\n");
        b.append("{\"ts\":\"").append(ts(100_400)).append("\",\"msg\":\"order rejected\",\"service\":\"purchasing\",")
                .append("\"trace_id\":\"").append(trace).append("\",\"order_id\":\"ORD987\"}\n");
        fx.ingest(b.toString());
    }

    @AfterAll
    void stop() throws IOException {
        fx.close();
    }

    @Test
    void cursorPagingWalksEveryEventNewestFirstOnce() {
        List<String> messages = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = fx.search("paging", "&limit=10" + (cursor == null ? "" : "&cursor=" + enc(cursor)));
            page.get("events").forEach(e -> {
                messages.add(e.get("msg").asText());
                ids.add(e.get("_id").asText());
            });
            cursor = page.get("cursor").isNull() ? null : page.get("cursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(messages).hasSize(25).startsWith("paging event 24", "paging event 23").endsWith("paging event 0");
        assertThat(ids).hasSize(25);
    }

    @Test
    void statsQueryAnswersATable() {
        JsonNode table = fx.search("paging | stats count() by service | sort by service", "");
        assertThat(table.has("events")).isFalse();
        List<String> columns = new ArrayList<>();
        table.get("columns").forEach(c -> columns.add(c.asText()));
        assertThat(columns).containsExactly("service", "count");
        assertThat(table.get("rows")).hasSize(2);
        assertThat(table.get("rows").get(0).get(0).asText()).isEqualTo("ordering");
        assertThat(table.get("rows").get(0).get(1).asLong()).isEqualTo(15);
        assertThat(table.get("rows").get(1).get(0).asText()).isEqualTo("payments");
        assertThat(table.get("rows").get(1).get(1).asLong()).isEqualTo(10);
        assertThat(table.has("took_ms")).isTrue();
        assertThat(table.get("scanned").has("partitions")).isTrue();
    }

    @Test
    void timechartTimesAreRfc3339() {
        JsonNode table = fx.search("paging | timechart 1h count()", "");
        assertThat(table.get("columns").get(0).asText()).isEqualTo("_time");
        assertThat(table.get("rows").get(0).get(0).asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void fieldsPipeProjectsAndLimitPipeCaps() {
        JsonNode r = fx.search("service:payments | fields ts, service, latency_ms | limit 4", "");
        assertThat(r.get("events")).hasSize(4);
        assertThat(r.get("cursor").isNull()).isTrue();
        JsonNode e = r.get("events").get(0);
        List<String> names = new ArrayList<>();
        e.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("_id", "_size", "ts", "service", "latency_ms");
        assertThat(e.get("latency_ms").asLong()).isEqualTo(90);
    }

    @Test
    void sortWithoutStatsOrdersTheMatchingEvents() {
        JsonNode r = fx.search("paging | sort by latency_ms asc | limit 3", "");
        assertThat(r.get("events")).extracting(e -> e.get("latency_ms").asLong()).containsExactly(0L, 10L, 20L);
    }

    @Test
    void lqlErrorAnswers400WithColumnAndHint() {
        HttpResponse<String> r = fx.get("/api/v1/search?q=" + enc("level:ERROR AND (service:x"));
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = json(r);
        assertThat(error.get("column").asInt()).isPositive();
        assertThat(error.get("hint").asText()).isNotBlank();
        assertThat(error.get("error").asText()).contains("column");
    }

    @Test
    void badParametersAnswer400() {
        assertThat(fx.get("/api/v1/search?last=forever").statusCode()).isEqualTo(400);
        assertThat(json(fx.get("/api/v1/search?from=yesterday")).get("error").asText()).contains("'from'");
        assertThat(fx.get("/api/v1/search?limit=abc").statusCode()).isEqualTo(400);
        assertThat(fx.get("/api/v1/nothing-here").statusCode()).isEqualTo(404);
        assertThat(json(fx.get("/api/v1/nothing-here")).get("error").asText()).contains("no API endpoint");
    }

    @Test
    void fromAndToNarrowTheWindow() {
        long fromMs = base.plusMillis(5_000).toEpochMilli();
        String to = ts(8_000);
        HttpResponse<String> r = fx.get("/api/v1/search?q=paging&from=" + fromMs + "&to=" + enc(to));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        // from inclusive (epoch ms), to exclusive (RFC 3339)
        assertThat(json(r).get("events")).extracting(e -> e.get("msg").asText())
                .containsExactly("paging event 7", "paging event 6", "paging event 5");
        assertThat(fx.get("/api/v1/search?q=paging&from=" + fromMs + "&last=1h").statusCode()).isEqualTo(400);
    }

    @Test
    void histogramCountsPerBucketByLevel() {
        HttpResponse<String> r = fx.get("/api/v1/histogram?last=1h&interval=1m&q=paging");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode h = json(r);
        assertThat(h.get("interval").asText()).isEqualTo("1m");
        assertThat(h.get("buckets").size()).isBetween(60, 61);
        long errors = 0;
        long total = 0;
        for (JsonNode b : h.get("buckets")) {
            errors += b.get("counts").path("ERROR").asLong(0);
            total += b.get("total").asLong();
        }
        assertThat(errors).isEqualTo(3);
        assertThat(total).isEqualTo(25);
        assertThat(h.get("total").asLong()).isEqualTo(25);

        JsonNode auto = json(fx.get("/api/v1/histogram?last=1h&q=paging"));
        assertThat(auto.get("interval").asText()).isEqualTo("30s");
        JsonNode weeks = json(fx.get("/api/v1/histogram?last=30d&interval=1w&q=paging"));
        assertThat(weeks.get("interval_ms").asLong()).isEqualTo(7 * 86_400_000L);
        assertThat(weeks.get("total").asLong()).isEqualTo(25);
        assertThat(fx.get("/api/v1/histogram?last=1h&interval=1500ms").statusCode()).isEqualTo(400);
        assertThat(fx.get("/api/v1/histogram?last=30d&interval=1s").statusCode()).isEqualTo(400);
    }

    @Test
    void fieldsListsTopValues() {
        HttpResponse<String> r = fx.get("/api/v1/fields?last=1h&q=paging");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode service = null;
        for (JsonNode f : json(r).get("fields")) {
            if (f.get("field").asText().equals("service")) {
                service = f;
            }
        }
        assertThat(service).isNotNull();
        assertThat(service.get("top").get(0).get("value").asText()).isEqualTo("ordering");
        assertThat(service.get("top").get(0).get("count").asLong()).isEqualTo(15);
    }

    @Test
    void traceEndpointBuildsLanesStepsAndHandoffs() {
        HttpResponse<String> r = fx.get("/api/v1/traces/4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode t = json(r);
        assertThat(t.get("count").asInt()).isEqualTo(4);
        assertThat(t.get("errors").asInt()).isEqualTo(1);
        assertThat(t.get("duration_ms").asDouble()).isEqualTo(400.0);
        assertThat(t.get("events")).extracting(e -> e.get("msg").asText())
                .containsExactly("order received", "authenticate", "stock check failed", "order rejected");
        JsonNode lanes = t.get("lanes");
        assertThat(lanes).extracting(l -> l.get("service").asText())
                .containsExactly("ordering", "purchasing", "inventory");
        JsonNode purchasing = lanes.get(1);
        assertThat(purchasing.get("count").asInt()).isEqualTo(2);
        // authenticate was logged at +150 ms after 107.9 ms of work: its lane starts where the work began.
        assertThat(purchasing.get("start_offset_ms").asDouble()).isEqualTo(42.1);
        assertThat(purchasing.get("last_ts").asText()).isEqualTo(ts(100_400));
        assertThat(t.get("start_ts").asText()).isEqualTo(ts(100_000));
        assertThat(t.get("events")).extracting(e -> e.get("_offset_ms").asDouble()).containsExactly(0.0, 42.1, 300.0, 400.0);
        assertThat(t.get("events").get(1).get("_end_offset_ms").asDouble()).isEqualTo(150.0);
        assertThat(purchasing.get("log_traces").get(0).get("steps")).hasSize(2);
        assertThat(purchasing.get("log_traces").get(0).get("steps").get(1).get("line").asInt()).isEqualTo(140);
        assertThat(lanes.get(2).get("errors").asInt()).isEqualTo(1);
        JsonNode handoffs = t.get("handoffs");
        assertThat(handoffs).hasSize(3);
        assertThat(handoffs.get(0).get("from_service").asText()).isEqualTo("ordering");
        assertThat(handoffs.get(0).get("to_service").asText()).isEqualTo("purchasing");
        assertThat(handoffs.get(0).get("gap_ms").asDouble()).isEqualTo(42.1);
        assertThat(handoffs.get(1).get("gap_ms").asDouble()).as("from authenticate's end").isEqualTo(150.0);

        JsonNode byOrder = json(fx.get("/api/v1/traces?field=order_id&value=ORD987"));
        assertThat(byOrder.get("count").asInt()).isEqualTo(4);
        assertThat(byOrder.get("field").asText()).isEqualTo("order_id");
    }

    @Test
    void contextReturnsNeighboursOnTheSameServiceAndHost() {
        JsonNode page = fx.search("\"paging event 5\"", "");
        String id = page.get("events").get(0).get("_id").asText();
        HttpResponse<String> r = fx.get("/api/v1/context/" + enc(id) + "?before=2&after=2");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("events")).extracting(e -> e.get("msg").asText())
                .containsExactly("paging event 3", "paging event 4", "paging event 5", "paging event 6", "paging event 7");
        assertThat(fx.get("/api/v1/context/no-such-id").statusCode()).isEqualTo(404);
    }
}
