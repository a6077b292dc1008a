package dev.logline.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.core.LogEvent;
import dev.logline.core.Timestamps;
import dev.logline.query.exec.QueryLimits;
import dev.logline.server.ServerConfig;
import dev.logline.server.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.logline.server.ServerFixture.enc;
import static dev.logline.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query guardrails over real HTTP: a query over its terms, groups, memory or time gets a 4xx (503 for time and
 * server capacity) saying which bound and what to do, a caller over its share of concurrent queries gets 429, and
 * ingest is acknowledged and searchable while hostile queries run. Never a 5xx for a query, and no timings asserted:
 * the hostile regular expression costs far more than the time limits used here.
 */
class QueryGuardrailsTest {

    /**
     * Backtracks in java.util.regex until the per-value budget of a million character reads is spent on every value
     * of {@code s} (a run of a's and a number), while its deterministic form is small enough for the parser to allow.
     */
    static final String HOSTILE = "s:/(.*a){12}/";

    @TempDir
    Path dir;

    private ServerFixture fx;

    @AfterEach
    void stop() throws IOException {
        if (fx != null) {
            fx.close();
        }
    }

    private void start(QueryLimits limits, int perKey, int total) {
        fx = new ServerFixture(dir, ServerConfig.defaults().withQueryLimits(limits).withConcurrentQueries(perKey, total));
    }

    /** {@code n} events, each with a distinct {@code i}, a distinct message and a long run of a's in {@code s}. */
    private void ingestEvents(int n) {
        String now = Timestamps.formatMicros(LogEvent.toMicros(Instant.now().minusSeconds(5)));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("{\"ts\":\"").append(now).append("\",\"msg\":\"event number ").append(i)
                    .append(" of the guardrail test\",\"i\":").append(i).append(",\"s\":\"")
                    .append("a".repeat(48)).append(i).append("\"}\n");
        }
        fx.ingest(b.toString());
    }

    private static JsonNode refused(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = json(r);
        assertThat(body.path("error").asText()).isNotBlank();
        return body;
    }

    private HttpResponse<String> search(String lql) {
        return fx.get("/api/v1/search?last=1h&q=" + enc(lql));
    }

    @Test
    void aQueryWithTooManyTermsIsA400SayingTheLimit() {
        start(QueryLimits.defaults().withMaxTerms(8), 4, 8);
        ingestEvents(3);
        String nine = "a OR b OR c OR d OR e OR f OR g OR h OR event";
        for (String endpoint : List.of("search", "histogram", "fields", "tail")) {
            JsonNode body = refused(fx.get("/api/v1/" + endpoint + "?last=1h&q=" + enc(nine)), 400);
            assertThat(body.get("error").asText()).contains("9 filter terms, more than the limit of 8",
                    "query.max-terms");
        }
        // A where pipe's terms count too; eight are fine.
        assertThat(refused(search("a OR b OR c OR d | where x:1 OR y:2 OR z:3 OR w:4 OR v:5"), 400)
                .get("error").asText()).contains("9 filter terms");
        assertThat(search("a OR b OR c OR d OR e OR f OR g OR event").statusCode()).isEqualTo(200);
    }

    @Test
    void tooManyGroupsIsA400OnEveryPathThatGroups() {
        start(QueryLimits.defaults().withMaxGroups(50), 4, 8);
        ingestEvents(200);
        // Grouped by the store from columns, and through the executor after a limit.
        for (String q : List.of("* | stats count() by i", "* | timechart 1m count() by i",
                "* | limit 150 | stats count() by i")) {
            JsonNode body = refused(search(q), 400);
            assertThat(body.get("error").asText()).as(q).contains("more than 50 groups", "query.max-groups");
        }
        assertThat(json(search("* | stats count() by level")).get("rows")).hasSize(1);
    }

    @Test
    void aQueryOverItsMemoryBoundIsA400NamingWhatHeldIt() {
        start(QueryLimits.defaults().withMaxMemoryBytes(64 * 1024), 4, 8);
        ingestEvents(2_000);
        JsonNode distinct = refused(search("* | stats count_uniq(msg)"), 400);
        assertThat(distinct.get("error").asText()).contains("more than 64 KiB of memory", "distinct values",
                "query.max-memory");
        JsonNode sorted = refused(search("* | sort by i"), 400);
        assertThat(sorted.get("error").asText()).contains("more than 64 KiB of memory", "sorted rows");
        // Bounded work still answers: a sort with a limit keeps only its rows.
        assertThat(json(search("* | sort by i desc | limit 5")).get("events")).hasSize(5);
        assertThat(json(search("* | stats count() by level")).get("rows").get(0).get(1).asLong()).isEqualTo(2_000);
    }

    @Test
    void aQueryPastItsTimeIsA503WithTheReasonOnEveryEndpoint() {
        start(QueryLimits.defaults().withTimeout(Duration.ofMillis(300)), 8, 8);
        ingestEvents(3_000);
        for (String path : List.of("search?q=" + enc(HOSTILE), "search?q=" + enc(HOSTILE + " | stats count()"),
                "search?q=" + enc("* | where " + HOSTILE + " | sort by i"), "histogram?q=" + enc(HOSTILE),
                "fields?q=" + enc(HOSTILE))) {
            JsonNode body = refused(fx.get("/api/v1/" + path + "&last=1h"), 503);
            assertThat(body.get("error").asText()).as(path).contains("ran past its time limit of 300 ms",
                    "query.timeout");
        }
        // The server is not left busy: a cheap query answers at once after.
        assertThat(json(search("event")).get("events")).isNotEmpty();
    }

    @Test
    void aCallerOverItsShareOfConcurrentQueriesGets429AndOthersAreServed() throws Exception {
        start(QueryLimits.defaults().withTimeout(Duration.ofSeconds(20)), 1, 8);
        ingestEvents(3_000);
        CompletableFuture<HttpResponse<String>> hostile = null;
        HttpResponse<String> second = null;
        // Probe while the hostile query runs; should a probe run first and turn the hostile one away, start over.
        for (int attempt = 0; attempt < 5 && (second == null || second.statusCode() != 429); attempt++) {
            hostile = fx.http.sendAsync(HttpRequest.newBuilder(
                    fx.uri("/api/v1/search?last=1h&q=" + enc(HOSTILE + " | stats count()"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            while (!hostile.isDone()) {
                second = search("event");
                if (second.statusCode() == 429) {
                    break;
                }
            }
        }
        assertThat(second).as("a second query from the same client while the first ran").isNotNull();
        JsonNode body = refused(second, 429);
        assertThat(second.headers().firstValue("retry-after")).hasValue("1");
        assertThat(body.get("error").asText()).contains("this client (127.0.0.1) already runs 1 query at once",
                "query.max-per-key");
        // Another client is served meanwhile.
        String other = fx.getFrom("127.0.0.2", "/api/v1/search?last=1h&q=event");
        assertThat(other).startsWith("HTTP/1.1 200");
        assertThat(hostile.get().statusCode()).as("the hostile query ends in its own time: 503, or 200 if done")
                .isIn(200, 503);
    }

    @Test
    void ingestIsAcknowledgedAndSearchableWhileHostileQueriesRun() throws Exception {
        start(QueryLimits.defaults().withTimeout(Duration.ofSeconds(5)), 3, 8);
        ingestEvents(3_000);
        List<CompletableFuture<HttpResponse<String>>> hostile = new ArrayList<>();
        for (String q : List.of(HOSTILE, HOSTILE + " | stats count() by i", "* | where " + HOSTILE + " | sort by i",
                HOSTILE, HOSTILE)) {
            hostile.add(fx.http.sendAsync(HttpRequest.newBuilder(fx.uri("/api/v1/search?last=1h&q=" + enc(q)))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        String now = Timestamps.formatMicros(LogEvent.toMicros(Instant.now().minusSeconds(1)));
        boolean duringHostile = false;
        for (int batch = 0; batch < 10; batch++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                b.append("{\"ts\":\"").append(now).append("\",\"msg\":\"kept while hostile batch ").append(batch)
                        .append("\"}\n");
            }
            HttpResponse<String> r = fx.post("/api/v1/ingest", b.toString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(json(r).get("accepted").asInt()).isEqualTo(20);
            duringHostile |= hostile.stream().anyMatch(f -> !f.isDone());
        }
        assertThat(duringHostile).as("ingest was answered while hostile queries ran").isTrue();
        // Searchable now, asked from another client while the hostile ones may still run.
        fx.store.refreshNow();
        String found = fx.getFrom("127.0.0.2", "/api/v1/search?last=1h&limit=1000&q=" + enc("kept while hostile"));
        assertThat(found).startsWith("HTTP/1.1 200");
        assertThat(found.split("kept while hostile batch", -1)).hasSize(201);
        for (CompletableFuture<HttpResponse<String>> f : hostile) {
            HttpResponse<String> r = f.get();
            // Over the client's share (429), or stopped at its time limit (503); each says why.
            assertThat(r.statusCode()).as(r.body()).isIn(429, 503);
            assertThat(json(r).get("error").asText()).containsAnyOf("time limit", "query.max-per-key");
        }
    }

    @Test
    void aLiveTailWithAHostileFilterHoldsUpNeitherFlushesNorIngest() throws Exception {
        start(QueryLimits.defaults(), 4, 8);
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> tail = fx.http.sendAsync(
                HttpRequest.newBuilder(fx.uri("/api/v1/tail?q=" + enc(HOSTILE))).build(),
                HttpResponse.BodyHandlers.ofLines());
        java.util.Iterator<String> lines = tail.get().body().iterator();
        while (!lines.next().startsWith("event: ready")) {
            // the stream opens with a ready event once subscribed
        }
        // Each of these events costs the tail's filter its whole regex budget; the store's flush hands them over and
        // goes on (fx.ingest flushes on this thread), so ingest is acknowledged and searchable as usual.
        ingestEvents(1_000);
        String now = Timestamps.formatMicros(LogEvent.toMicros(Instant.now().minusSeconds(1)));
        for (int batch = 0; batch < 5; batch++) {
            fx.ingest("{\"ts\":\"" + now + "\",\"msg\":\"after the tail opened " + batch + "\"}\n");
        }
        assertThat(json(search("\"after the tail opened\"")).get("events")).hasSize(5);
        tail.get().body().close();
    }
}
