package dev.logline.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.server.ServerFixture;
import dev.logline.server.SseEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.logline.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** A key's tenant is the request's tenant: no endpoint lets tenant alpha's key see or write tenant bravo's events. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest {

    /** One trace id used by both tenants, so a leak through the trace view would show. */
    static final String SHARED_TRACE = "0af7651916cd43dd8448eb211c80319c";

    AuthFixture auth;

    @BeforeAll
    void start(@TempDir Path dir) {
        auth = new AuthFixture(dir);
        String now = AuthFixture.now();
        auth.ingest(auth.ingestA, "{\"ts\":\"" + now + "\",\"msg\":\"quebec alpha order\",\"service\":\"shop\","
                + "\"trace_id\":\"" + SHARED_TRACE + "\",\"order_id\":\"ORD1\"}\n");
        auth.ingest(auth.ingestB, "{\"ts\":\"" + now + "\",\"msg\":\"quebec bravo order\",\"service\":\"shop\","
                + "\"trace_id\":\"" + SHARED_TRACE + "\",\"order_id\":\"ORD1\"}\n");
    }

    @AfterAll
    void stop() throws IOException {
        auth.close();
    }

    static List<String> messages(JsonNode events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.get("msg").asText()));
        return out;
    }

    @Test
    void searchStatsAndFieldsSeeOnlyTheKeysTenant() {
        assertThat(messages(auth.search(auth.readA, "quebec").get("events"))).containsExactly("quebec alpha order");
        assertThat(messages(auth.search(auth.readB, "quebec").get("events"))).containsExactly("quebec bravo order");
        JsonNode stats = auth.search(auth.readA, "quebec | stats count()");
        assertThat(stats.get("rows").get(0).get(0).asLong()).isEqualTo(1);
    }

    @Test
    void aTraceShowsOnlyTheKeysTenant() {
        JsonNode a = json(auth.get("/api/v1/traces/" + SHARED_TRACE, auth.readA));
        assertThat(a.get("count").asInt()).isEqualTo(1);
        assertThat(a.toString()).contains("quebec alpha order").doesNotContain("bravo");
        JsonNode byOrder = json(auth.get("/api/v1/traces?field=order_id&value=ORD1", auth.readB));
        assertThat(byOrder.get("count").asInt()).isEqualTo(1);
        assertThat(byOrder.toString()).contains("quebec bravo order").doesNotContain("alpha");
    }

    @Test
    void anotherTenantsEventIdFindsNothing() {
        String bravoId = auth.search(auth.readB, "quebec").get("events").get(0).get("_id").asText();
        assertThat(auth.get("/api/v1/context/" + bravoId, auth.readB).statusCode()).isEqualTo(200);
        assertThat(auth.get("/api/v1/context/" + bravoId, auth.readA).statusCode()).isEqualTo(404);
    }

    @Test
    void theLiveTailStreamsOnlyTheKeysTenant() throws Exception {
        HttpResponse<InputStream> r = auth.fx.http.send(auth.request("/api/v1/tail?q=romeo&api_key="
                + auth.readA.token().text(), null).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        try (InputStream body = r.body()) {
            BlockingQueue<String> events = SseEvents.read(body);
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("ready\t{\"tenant\":\"alpha\"}");
            // Bravo's event first: had it leaked, it would arrive before alpha's.
            auth.ingest(auth.ingestB, "{\"ts\":\"" + AuthFixture.now() + "\",\"msg\":\"romeo bravo\"}\n");
            auth.ingest(auth.ingestA, "{\"ts\":\"" + AuthFixture.now() + "\",\"msg\":\"romeo alpha\"}\n");
            String first = events.poll(5, TimeUnit.SECONDS);
            assertThat(first).startsWith("log\t");
            assertThat(ServerFixture.JSON.readTree(first.substring(4)).get("msg").asText()).isEqualTo("romeo alpha");
            assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void lokisOrgIdHeaderCannotEscapeTheKeysTenant() {
        long nanos = System.currentTimeMillis() * 1_000_000L;
        HttpResponse<String> r = auth.fx.send(auth.request("/loki/api/v1/push", auth.ingestA)
                .header("Content-Type", "application/json").header("X-Scope-OrgID", "bravo")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"streams\":[{\"stream\":{\"app\":\"shop\"},"
                        + "\"values\":[[\"" + nanos + "\",\"sierra smuggled\"]]}]}")));
        assertThat(r.statusCode()).isEqualTo(204);
        auth.fx.store.refreshNow();
        assertThat(auth.search(auth.readB, "sierra").get("events")).isEmpty();
        assertThat(messages(auth.search(auth.readA, "sierra").get("events"))).containsExactly("sierra smuggled");
    }

    @Test
    void eventsCannotNameTheirOwnTenant() {
        auth.ingest(auth.ingestA, "{\"ts\":\"" + AuthFixture.now() + "\",\"msg\":\"tango\",\"tenant\":\"bravo\"}\n");
        assertThat(auth.search(auth.readB, "tango").get("events")).isEmpty();
        assertThat(auth.search(auth.readA, "tango").get("events")).hasSize(1);
    }
}
