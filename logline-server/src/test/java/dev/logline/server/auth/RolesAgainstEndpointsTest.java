package dev.logline.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;

import static dev.logline.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Each role against each endpoint family on a real server, the ways a key may be sent, and the audit trail. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RolesAgainstEndpointsTest {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    AuthFixture auth;
    Path data;
    String eventId;

    /** One endpoint: its family (the role it needs) and how to call it with a key. */
    record Endpoint(String name, Role family, BiFunction<AuthFixture, IssuedKey, Integer> call) {
    }

    List<Endpoint> endpoints;

    @BeforeAll
    void start(@TempDir Path dir) {
        data = dir;
        auth = new AuthFixture(dir);
        auth.ingest(auth.ingestA, "{\"ts\":\"" + AuthFixture.now() + "\",\"level\":\"INFO\",\"msg\":\"papa seeded\","
                + "\"service\":\"shop\",\"trace_id\":\"" + TRACE + "\"}\n");
        eventId = auth.search(auth.readA, "papa").get("events").get(0).get("_id").asText();
        String now = AuthFixture.now();
        long nanos = System.currentTimeMillis() * 1_000_000L;
        endpoints = List.of(
                new Endpoint("native ingest", Role.INGEST, (a, k) -> a.post("/api/v1/ingest", k, "application/x-ndjson",
                        "{\"ts\":\"" + now + "\",\"msg\":\"papa native\"}\n").statusCode()),
                new Endpoint("es bulk", Role.INGEST, (a, k) -> a.post("/_bulk", k, "application/x-ndjson",
                        "{\"index\":{\"_index\":\"logs\"}}\n{\"@timestamp\":\"" + now + "\",\"message\":\"papa bulk\"}\n")
                        .statusCode()),
                new Endpoint("es node info", Role.INGEST, (a, k) -> a.fx.send(a.request("/", k)
                        .header("Accept", "application/json").GET()).statusCode()),
                new Endpoint("es template call", Role.INGEST, (a, k) -> a.fx.send(a.request("/_index_template/logs", k)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()),
                new Endpoint("loki push", Role.INGEST, (a, k) -> a.post("/loki/api/v1/push", k, "application/json",
                        "{\"streams\":[{\"stream\":{\"app\":\"shop\"},\"values\":[[\"" + nanos + "\",\"papa loki\"]]}]}")
                        .statusCode()),
                new Endpoint("otlp http", Role.INGEST, (a, k) -> a.post("/v1/logs", k, "application/json",
                        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"" + nanos
                                + "\",\"body\":{\"stringValue\":\"papa otlp\"}}]}]}]}").statusCode()),
                new Endpoint("search", Role.READ, (a, k) -> a.get("/api/v1/search?last=1h&q=papa", k).statusCode()),
                new Endpoint("stats", Role.READ, (a, k) -> a.get("/api/v1/search?last=1h&q="
                        + dev.logline.server.ServerFixture.enc("* | stats count()"), k).statusCode()),
                new Endpoint("histogram", Role.READ, (a, k) -> a.get("/api/v1/histogram?last=1h", k).statusCode()),
                new Endpoint("fields", Role.READ, (a, k) -> a.get("/api/v1/fields?last=1h", k).statusCode()),
                new Endpoint("trace", Role.READ, (a, k) -> a.get("/api/v1/traces/" + TRACE, k).statusCode()),
                new Endpoint("context", Role.READ, (a, k) -> a.get("/api/v1/context/" + eventId, k).statusCode()),
                new Endpoint("tail", Role.READ, RolesAgainstEndpointsTest::tailStatus),
                new Endpoint("metrics", Role.READ, (a, k) -> a.get("/metrics", k).statusCode()));
    }

    @AfterAll
    void stop() throws IOException {
        auth.close();
    }

    static int tailStatus(AuthFixture a, IssuedKey k) {
        try {
            HttpResponse<InputStream> r = a.fx.http.send(a.request("/api/v1/tail?q=*", k).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            r.body().close();
            return r.statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void eachRoleReachesItsFamiliesAndIsRefusedTheOthers() {
        for (Endpoint e : endpoints) {
            int asIngest = e.call().apply(auth, auth.ingestA);
            int asRead = e.call().apply(auth, auth.readA);
            int asAdmin = e.call().apply(auth, auth.adminA);
            if (e.family() == Role.INGEST) {
                assertThat(asIngest).as(e.name() + " with an ingest key").isBetween(200, 299);
                assertThat(asRead).as(e.name() + " with a read key").isEqualTo(403);
            } else {
                assertThat(asIngest).as(e.name() + " with an ingest key").isEqualTo(403);
                assertThat(asRead).as(e.name() + " with a read key").isBetween(200, 299);
            }
            assertThat(asAdmin).as(e.name() + " with an admin key").isBetween(200, 299);
            assertThat(e.call().apply(auth, null)).as(e.name() + " without a key").isEqualTo(401);
            assertThat(e.call().apply(auth, auth.revoked)).as(e.name() + " with a revoked key").isEqualTo(401);
        }
    }

    @Test
    void refusalsSayWhatWasWrongAndHowToFixIt() {
        HttpResponse<String> none = auth.get("/api/v1/search?q=*", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(json(none).get("error").asText()).contains("API key is required").contains("Authorization: Bearer");

        HttpResponse<String> revoked = auth.get("/api/v1/search?q=*", auth.revoked);
        assertThat(json(revoked).get("error").asText()).contains(auth.revoked.key().id()).contains("revoked");

        HttpResponse<String> malformed = auth.fx.send(auth.request("/api/v1/search?q=*", null)
                .header("Authorization", "Bearer hunter2").GET());
        assertThat(malformed.statusCode()).isEqualTo(401);
        assertThat(json(malformed).get("error").asText()).contains("malformed").doesNotContain("hunter2");

        ApiKeyToken forged = new ApiKeyToken(auth.readA.key().id(), ApiKeyToken.generate().secret());
        HttpResponse<String> wrongSecret = auth.fx.send(auth.request("/api/v1/search?q=*", null)
                .header("Authorization", "Bearer " + forged.text()).GET());
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(json(wrongSecret).get("error").asText()).contains("unknown API key").doesNotContain(forged.secret());

        HttpResponse<String> forbidden = auth.get("/api/v1/search?q=*", auth.ingestA);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("www-authenticate")).isEmpty();
        assertThat(json(forbidden).get("error").asText())
                .isEqualTo("API key " + auth.ingestA.key().id() + " has the ingest role; GET /api/v1/search needs read (or admin)");
    }

    @Test
    void healthAndTheWebUiFilesNeedNoKey() {
        assertThat(auth.get("/healthz", null).statusCode()).isEqualTo(200);
        HttpResponse<String> page = auth.fx.send(auth.request("/", null).header("Accept", "text/html").GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Logline</title>");
        assertThat(auth.get("/js/api.js", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theKeyIsAcceptedWhereverClientsPutIt() {
        String key = auth.readA.token().text();
        String idSecret = auth.readA.key().id() + ":" + auth.readA.token().secret();
        for (String[] header : new String[][] {
                {"Authorization", "ApiKey " + key},
                {"Authorization", "ApiKey " + Base64.getEncoder().encodeToString(idSecret.getBytes(StandardCharsets.UTF_8))},
                {"Authorization", "Basic " + Base64.getEncoder().encodeToString(("grafana:" + key).getBytes(StandardCharsets.UTF_8))},
                {"X-API-Key", key}}) {
            HttpResponse<String> r = auth.fx.send(auth.request("/api/v1/search?last=1h&q=papa", null)
                    .header(header[0], header[1]).GET());
            assertThat(r.statusCode()).as(header[0] + ": " + header[1].split(" ")[0]).isEqualTo(200);
        }
        assertThat(auth.get("/api/v1/search?last=1h&q=papa&api_key=" + key, null).statusCode()).isEqualTo(200);
    }

    @Test
    void queriesAndRefusalsAreAuditedWithoutTheKey() throws IOException {
        String key = auth.readA.token().text();
        assertThat(auth.get("/api/v1/search?last=1h&q=audited&api_key=" + key, null).statusCode()).isEqualTo(200);
        assertThat(auth.post("/api/v1/ingest", auth.readA, "application/x-ndjson", "{}\n").statusCode()).isEqualTo(403);
        Path log = data.resolve(AuditLog.FILE_NAME);
        JsonNode search = awaitAuditLine(log, l -> l.path("query").asText().equals("last=1h&q=audited"));
        assertThat(search.get("who").asText()).isEqualTo(auth.readA.key().id());
        assertThat(search.get("role").asText()).isEqualTo("read");
        assertThat(search.get("tenant").asText()).isEqualTo("alpha");
        assertThat(search.get("method").asText()).isEqualTo("GET");
        assertThat(search.get("path").asText()).isEqualTo("/api/v1/search");
        assertThat(search.get("status").asInt()).isEqualTo(200);
        assertThat(search.get("ts").asText()).isNotBlank();
        JsonNode refused = awaitAuditLine(log, l -> l.path("path").asText().equals("/api/v1/ingest")
                && l.path("who").asText().equals(auth.readA.key().id()));
        assertThat(refused.get("status").asInt()).isEqualTo(403);
        String text = Files.readString(log);
        for (IssuedKey k : List.of(auth.readA, auth.ingestA, auth.adminA, auth.revoked, auth.readB, auth.ingestB)) {
            assertThat(text).doesNotContain(k.token().secret());
        }
    }

    @Test
    void aQueryPostedAsABodyNeedsReadAndIsAuditedLikeAUrlQuery() throws IOException {
        String body = "{\"q\":\"posted\",\"last\":\"1h\"}";
        assertThat(auth.post("/api/v1/search", auth.readA, "application/json", body).statusCode()).isEqualTo(200);
        assertThat(auth.post("/api/v1/histogram", auth.readA, "application/json", body).statusCode()).isEqualTo(200);
        assertThat(auth.post("/api/v1/search", auth.ingestA, "application/json", body).statusCode()).isEqualTo(403);
        // a wrong method on a query route is the endpoint's 405 for a reader, not an admin-only refusal
        assertThat(auth.fx.send(auth.request("/api/v1/search", auth.readA).DELETE()).statusCode()).isEqualTo(405);
        JsonNode line = awaitAuditLine(data.resolve(AuditLog.FILE_NAME),
                l -> l.path("query").asText().equals("q=posted&last=1h") && l.path("method").asText().equals("POST"));
        assertThat(line.get("path").asText()).isEqualTo("/api/v1/search");
        assertThat(line.get("status").asInt()).isEqualTo(200);
    }

    /** The audit line is written when the response headers are; give the event loop a moment (bounded). */
    static JsonNode awaitAuditLine(Path log, java.util.function.Predicate<JsonNode> wanted) throws IOException {
        for (int i = 0; i < 250; i++) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log)) {
                    JsonNode node = dev.logline.server.ServerFixture.JSON.readTree(line);
                    if (wanted.test(node)) {
                        return node;
                    }
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no such line in the audit log " + log);
    }
}
