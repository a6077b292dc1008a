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
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.logline.server.ServerFixture.enc;
import static dev.logline.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The requests a tester with hostile input sent: each is a 4xx with a reason, never a 5xx. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadRequestsTest {

    ServerFixture fx;

    @BeforeAll
    void start(@TempDir Path dir) {
        fx = new ServerFixture(dir);
        String now = Timestamps.formatMicros(LogEvent.toMicros(Instant.now().minusSeconds(5)));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            b.append("{\"ts\":\"").append(now).append("\",\"msg\":\"kilo ").append(i)
                    .append("\",\"s\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"trace_id\":\"t1\"}\n");
        }
        fx.ingest(b.toString());
    }

    @AfterAll
    void stop() throws IOException {
        fx.close();
    }

    private static JsonNode error(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        JsonNode body = json(r);
        assertThat(body.path("error").asText()).isNotBlank();
        return body;
    }

    @Test
    void aRegexTheIndexCannotDeterminiseIsA400AtItsColumn() {
        for (String endpoint : List.of("search", "histogram", "fields")) {
            JsonNode body = error(fx.get("/api/v1/" + endpoint + "?last=1h&q=" + enc("s:/.*a.{40}/")), 400);
            assertThat(body.get("column").asInt()).isEqualTo(3);
            assertThat(body.get("hint").asText()).contains("too complex");
        }
        // a regex of the same shape the index handles still answers
        assertThat(fx.search("s:/.*a.{4}/", "").get("events")).hasSize(5);
    }

    @Test
    void overflowingDurationsAndTimesAre400() {
        for (String endpoint : List.of("search", "histogram", "fields", "traces/t1")) {
            JsonNode body = error(fx.get("/api/v1/" + endpoint + "?last=99999999999w"), 400);
            assertThat(body.get("error").asText()).contains("'last'").contains("36500d");
        }
        error(fx.get("/api/v1/search?last=9223372036854775807ms"), 400);
        error(fx.get("/api/v1/search?last=" + "9".repeat(40) + "s"), 400);
        assertThat(error(fx.get("/api/v1/search?from=99999999999999999"), 400).get("error").asText())
                .contains("'from'");
        assertThat(error(fx.get("/api/v1/search?to=" + enc("+999999999-01-01T00:00:00Z")), 400).get("error").asText())
                .contains("'to'");
        error(fx.get("/api/v1/histogram?last=1h&interval=99999999999999w"), 400);
        error(fx.get("/api/v1/histogram?last=1h&interval=0s"), 400);
        error(fx.get("/api/v1/search?limit=-5"), 400);
        error(fx.get("/api/v1/search?limit=0"), 400);
        error(fx.get("/api/v1/fields?top=abc"), 400);
        error(fx.get("/api/v1/context/x?before=-1"), 400);
    }

    @Test
    void hugeButWellFormedNumbersAreReadAsTheMost() {
        // limit above the maximum is the maximum, whatever its size
        HttpResponse<String> r = fx.get("/api/v1/search?last=1h&limit=" + "9".repeat(30));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        // a window longer than the years since year 1 starts at year 1
        assertThat(fx.get("/api/v1/search?last=36500d&to=0100-01-01T00:00:00Z").statusCode()).isEqualTo(200);
        // the automatic histogram interval fits any window
        HttpResponse<String> h = fx.get("/api/v1/histogram?last=36500d");
        assertThat(h.statusCode()).as(h.body()).isEqualTo(200);
        assertThat(json(h).get("total").asLong()).isEqualTo(5);
    }

    @Test
    void aWrongMethodIsA405WithAllow() {
        HttpResponse<String> del = fx.send(HttpRequest.newBuilder(fx.uri("/api/v1/search?q=*")).DELETE());
        error(del, 405);
        assertThat(del.headers().firstValue("allow")).hasValue("GET, HEAD, POST");
        HttpResponse<String> put = fx.send(HttpRequest.newBuilder(fx.uri("/api/v1/context/abc"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));
        error(put, 405);
        assertThat(put.headers().firstValue("allow")).hasValue("GET, HEAD");
        HttpResponse<String> tail = fx.send(HttpRequest.newBuilder(fx.uri("/api/v1/tail"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));
        error(tail, 405);
        assertThat(tail.headers().firstValue("allow")).hasValue("GET, HEAD, POST");
    }

    @Test
    void postBodiesThatAreNotQueriesAre400() {
        assertThat(error(fx.post("/api/v1/search", "[1,2]"), 400).get("error").asText()).contains("JSON object");
        assertThat(error(fx.post("/api/v1/search", "{\"query\":\"x\"}"), 400).get("error").asText())
                .contains("unknown parameter 'query'").contains("q, from");
        assertThat(error(fx.post("/api/v1/search", "{\"q\":[\"x\"]}"), 400).get("error").asText())
                .contains("string or a number");
        error(fx.post("/api/v1/search", "{\"q\":"), 400);
        error(fx.post("/api/v1/search", ""), 400);
        error(fx.post("/api/v1/search", "{\"q\":\"x\"} {}"), 400);
        error(fx.post("/api/v1/histogram", "{\"limit\":3}"), 400);
        // over the body cap: 413 with a reason
        String big = "{\"q\":\"" + "a".repeat(ApiEndpoint.MAX_BODY_BYTES) + "\"}";
        assertThat(error(fx.post("/api/v1/search", big), 413).get("error").asText()).contains("65,536");
    }

    @Test
    void theDocumentedQueryLengthIsReachableByPostAndNoMore() {
        // 65,536 characters exactly: the clicked values of long messages, OR-ed, as the UI builds them
        StringBuilder q = new StringBuilder("kilo");
        for (int i = 0; q.length() < 65_536 - 1_300; i++) {
            q.append(" OR msg:=\"").append(("stack frame " + i + " ").repeat(80)).append('"');
        }
        while (q.length() < 65_536) {
            q.append(' ');
        }
        assertThat(q).hasSize(65_536);
        HttpResponse<String> ok = fx.post("/api/v1/search", "{\"q\":" + jsonString(q.toString()) + ",\"last\":\"1h\"}",
                "Content-Type", "application/json");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok).get("events")).hasSize(5);
        // one more character is the documented syntax error
        HttpResponse<String> over = fx.post("/api/v1/search", "{\"q\":" + jsonString(q + "x") + "}");
        assertThat(error(over, 400).get("hint").asText()).contains("longer than 65536 characters");
        // more terms than an index can run is a syntax error too, before the store sees it
        String manyTerms = "kilo" + " OR k".repeat(300);
        assertThat(error(fx.post("/api/v1/search", "{\"q\":" + jsonString(manyTerms) + "}"), 400).get("hint").asText())
                .contains("more than 300 terms");
        // every escaped character still fits the body cap
        String escaped = "\\u0061".repeat(65_536);
        assertThat(fx.post("/api/v1/search", "{\"q\":\"" + escaped + "\",\"last\":\"1h\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void aUrlTooLongForTheServerIsA414ThatPointsAtPost() {
        // HTTP/1.1, as browsers and curl speak to a plain http:// server
        JsonNode body = error(fx.send(HttpRequest.newBuilder(fx.uri("/api/v1/search?q=" + "x".repeat(5_000)))
                .version(java.net.http.HttpClient.Version.HTTP_1_1).GET()), 414);
        assertThat(body.get("error").asText()).contains("POST");
    }

    @Test
    void everyQueryEndpointHasAPostForm() throws Exception {
        JsonNode search = json(fx.post("/api/v1/search", "{\"q\":\"kilo\",\"last\":\"1h\",\"limit\":2}"));
        assertThat(search.get("events")).hasSize(2);
        JsonNode next = json(fx.post("/api/v1/search", "{\"q\":\"kilo\",\"last\":\"1h\",\"limit\":\"2\",\"cursor\":"
                + jsonString(search.get("cursor").asText()) + "}"));
        assertThat(next.get("events")).hasSize(2);
        assertThat(next.get("events").get(0).get("_id")).isNotEqualTo(search.get("events").get(1).get("_id"));
        assertThat(json(fx.post("/api/v1/histogram", "{\"q\":\"kilo\",\"last\":\"1h\",\"interval\":\"1m\"}"))
                .get("total").asLong()).isEqualTo(5);
        assertThat(json(fx.post("/api/v1/fields", "{\"q\":\"kilo\",\"last\":\"1h\",\"top\":1}")).get("fields").size())
                .isPositive();
        assertThat(json(fx.post("/api/v1/traces", "{\"id\":\"t1\",\"last\":\"1h\"}")).get("count").asInt()).isEqualTo(5);
        assertThat(json(fx.post("/api/v1/traces", "{\"field\":\"trace_id\",\"value\":\"t1\",\"limit\":2}"))
                .get("count").asInt()).isEqualTo(2);

        HttpResponse<InputStream> tail = fx.http.send(HttpRequest.newBuilder(fx.uri("/api/v1/tail"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"q\":\"kilo\"}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(tail.statusCode()).isEqualTo(200);
        try (InputStream body = tail.body()) {
            BlockingQueue<String> events = dev.logline.server.SseEvents.read(body);
            assertThat(events.poll(5, TimeUnit.SECONDS)).startsWith("ready\t");
        }
        error(fx.post("/api/v1/tail", "{\"q\":\"* | limit 1\"}"), 400);
    }

    @Test
    void aCursorOnAQueryWithoutPagesIsA400() {
        assertThat(error(fx.get("/api/v1/search?last=1h&cursor=abc&q=" + enc("* | sort by msg")), 400)
                .get("error").asText()).contains("drop the cursor");
        error(fx.get("/api/v1/search?last=1h&cursor=abc&q=" + enc("* | stats count()")), 400);
        error(fx.get("/api/v1/search?last=1h&cursor=not-a-cursor"), 400);
    }

    static String jsonString(String s) {
        try {
            return ServerFixture.JSON.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
