package dev.logline.server.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.core.LogEvent;
import dev.logline.core.Timestamps;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.server.ServerFixture;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/panels/query} against a real server: panels answer what {@code /api/v1/search} answers,
 * variables change the numbers and stay values, a bad panel says its LQL error and column without sinking the
 * others, and no more panels run at once than the cap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PanelsQueryTest {

    BoardServer boards;

    @BeforeAll
    void start(@TempDir Path data, @TempDir Path folder) {
        boards = new BoardServer(data, folder);
        String now = Timestamps.formatMicros(LogEvent.toMicros(Instant.now().minusSeconds(30)));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            String service = i < 3 ? "payments" : "ordering";
            b.append("{\"ts\":\"").append(now).append("\",\"level\":\"").append(i == 0 ? "ERROR" : "INFO")
                    .append("\",\"service\":\"").append(service).append("\",\"msg\":\"event ").append(i)
                    .append("\",\"duration_ms\":").append(10 * (i + 1)).append("}\n");
        }
        boards.ingest(boards.ingestA, b.toString());
    }

    @AfterAll
    void stop() throws IOException {
        boards.close();
    }

    private JsonNode run(String body) {
        return boards.expect(200, "POST", "/api/v1/panels/query", boards.readA, body);
    }

    private static long count(JsonNode panel) {
        return panel.get("result").get("rows").get(0).get(0).asLong();
    }

    @Test
    void aPanelAnswersWhatTheSearchAnswers() {
        JsonNode answer = run("{\"time\": {\"last\": \"1h\"}, \"panels\": [{\"id\": \"by\", \"query\": "
                + "\"* | stats count() by service\"}, {\"id\": \"ev\", \"query\": \"level:ERROR\", \"limit\": 5}]}");
        JsonNode by = answer.get("panels").get(0);
        assertThat(by.get("id").asText()).isEqualTo("by");
        assertThat(by.get("status").asInt()).isEqualTo(200);
        JsonNode search = boards.expect(200, "GET", "/api/v1/search?last=1h&q="
                + ServerFixture.enc("* | stats count() by service"), boards.readA, null);
        assertThat(by.get("result").get("rows")).isEqualTo(search.get("rows"));
        assertThat(by.get("result").get("group_by").toString()).isEqualTo("[\"service\"]");
        JsonNode events = answer.get("panels").get(1).get("result").get("events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("msg").asText()).isEqualTo("event 0");
        assertThat(answer.get("concurrency").asInt()).isEqualTo(DashboardSettings.DEFAULT_PANEL_CONCURRENCY);
    }

    @Test
    void variablesChangeTheNumbersAndStayValues() {
        String panels = ", \"panels\": [{\"id\": \"n\", \"query\": \"service:$service | stats count()\"}]}";
        JsonNode payments = run("{\"variables\": {\"service\": \"payments\"}" + panels).get("panels").get(0);
        assertThat(count(payments)).isEqualTo(3);
        assertThat(payments.get("query").asText()).isEqualTo("service:payments | stats count()");
        assertThat(count(run("{\"variables\": {\"service\": \"ordering\"}" + panels).get("panels").get(0))).isEqualTo(2);
        JsonNode all = run("{\"variables\": {\"service\": null}" + panels).get("panels").get(0);
        assertThat(count(all)).isEqualTo(5);
        assertThat(all.get("query").asText()).isEqualTo("service:* | stats count()");
        // A value that looks like LQL is still one value: it matches no service, and adds no condition or pipe.
        JsonNode hostile = run("{\"variables\": {\"service\": \"x\\\" OR service:payments | stats count() by msg\"}"
                + panels).get("panels").get(0);
        assertThat(hostile.get("result").get("rows").toString()).isIn("[]", "[[0]]");
        assertThat(hostile.get("result").get("columns").toString()).isEqualTo("[\"count\"]");
    }

    @Test
    void aBadPanelSaysItsErrorAndColumnAndTheOthersStillAnswer() {
        JsonNode answer = run("{\"panels\": [{\"id\": \"bad\", \"query\": \"level:ERROR | stats p95(duration_ms) by\"},"
                + " {\"id\": \"good\", \"query\": \"* | stats count()\"}]}");
        JsonNode bad = answer.get("panels").get(0);
        assertThat(bad.get("status").asInt()).isEqualTo(400);
        assertThat(bad.get("column").asInt()).isEqualTo(40);
        assertThat(bad.get("error").asText()).startsWith("LQL syntax error at column 40");
        assertThat(bad.has("result")).isFalse();
        assertThat(count(answer.get("panels").get(1))).isEqualTo(5);
    }

    @Test
    void aMalformedRequestIsABadRequestForTheWhole() {
        assertThat(boards.expect(400, "POST", "/api/v1/panels/query", boards.readA, "{\"panels\": []}")
                .get("error").asText()).contains("non-empty array");
        assertThat(boards.expect(400, "POST", "/api/v1/panels/query", boards.readA,
                "{\"panels\": [{\"query\": \"*\", \"time\": {\"last\": \"soon\"}}]}").get("error").asText())
                .contains("panels[0].time", "not a duration");
        assertThat(boards.expect(400, "POST", "/api/v1/panels/query", boards.readA,
                "{\"panels\": [{\"query\": \"*\", \"qurey\": \"x\"}]}").get("error").asText()).contains("unknown key 'qurey'");
        boards.expect(405, "GET", "/api/v1/panels/query", boards.readA, null);
        boards.expect(403, "POST", "/api/v1/panels/query", boards.ingestA, "{\"panels\": [{\"query\": \"*\"}]}");
    }

    @Test
    void noMoreThanTheCapRunAtOnce(@TempDir Path data) throws Exception {
        int cap = 3;
        try (ColumnarLogStore columnar = ColumnarLogStore.open(ColumnarStoreConfig.defaults(data))) {
            OverlapCountingStore store = new OverlapCountingStore(columnar, cap);
            LoglineServer server = LoglineServer.builder().config(ServerConfig.defaults().withPort(0)).store(store)
                    .dashboards(DashboardSettings.defaults().withPanelConcurrency(cap)).build().start();
            try {
                StringBuilder panels = new StringBuilder();
                for (int i = 0; i < 10; i++) {
                    panels.append(i == 0 ? "" : ",").append("{\"query\": \"* | stats count() by p").append(i).append("\"}");
                }
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + server.port() + "/api/v1/panels/query"))
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"panels\": [" + panels + "]}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode answer = ServerFixture.JSON.readTree(r.body());
                assertThat(answer.get("panels")).hasSize(10);
                assertThat(answer.get("concurrency").asInt()).isEqualTo(cap);
                assertThat(store.total()).isEqualTo(10);
                assertThat(store.most()).isEqualTo(cap);
            } finally {
                server.close();
            }
        }
    }
}
