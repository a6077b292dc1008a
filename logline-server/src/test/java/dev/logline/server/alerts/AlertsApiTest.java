package dev.logline.server.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.server.auth.IssuedKey;
import dev.logline.server.auth.KeyFile;
import dev.logline.server.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static dev.logline.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code /api/v1/alerts} over real HTTP: CRUD, versions, validation, test runs, the alerts file's rules, roles. */
class AlertsApiTest {

    static final String RULE = "{\"name\": \"payments errors\", \"query\": \"service:payments level:ERROR\","
            + " \"window\": \"5m\", \"condition\": \"count() > 20\", \"by\": [\"host\"],"
            + " \"notify\": [{\"type\": \"webhook\", \"url\": \"http://127.0.0.1:9/hook\", \"secret\": \"s3cret\"}]}";

    @Test
    void rulesAreCreatedReadUpdatedAndDeleted(@TempDir Path data) throws Exception {
        try (AlertFixture a = new AlertFixture(data)) {
            JsonNode created = a.createRule(RULE);
            String id = created.path("id").asText();
            assertThat(id).matches("[0-9a-f]{16}");
            assertThat(created.path("version").asLong()).isEqualTo(1);
            assertThat(created.path("interval").asText()).isEqualTo("1m");
            assertThat(created.path("severity").asText()).isEqualTo("warning");
            assertThat(created.path("status").path("state").asText()).isEqualTo("ok");
            // Secrets are not shown; sending the mask back keeps the stored one.
            assertThat(created.path("notify").get(0).path("secret").asText()).isEqualTo("********");

            JsonNode list = a.get("/api/v1/alerts");
            assertThat(list.path("rules")).extracting(r -> r.path("id").asText()).containsExactly(id);

            String changed = a.get("/api/v1/alerts/" + id).toString().replace("count() > 20", "count() > 30");
            HttpResponse<String> put = a.put("/api/v1/alerts/" + id, changed);
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            assertThat(json(put).path("condition").asText()).isEqualTo("count() > 30");
            assertThat(json(put).path("version").asLong()).isEqualTo(2);
            assertThat(a.engine().repository().rule("default", id).orElseThrow().rule().targets().get(0).secret())
                    .isEqualTo("s3cret");

            HttpResponse<String> stale = a.put("/api/v1/alerts/" + id, changed);
            assertThat(stale.statusCode()).isEqualTo(409);
            assertThat(json(stale).path("error").asText()).contains("version 2, not 1");

            assertThat(a.delete("/api/v1/alerts/" + id).statusCode()).isEqualTo(200);
            HttpResponse<String> gone = a.fx.get("/api/v1/alerts/" + id);
            assertThat(gone.statusCode()).isEqualTo(404);
            assertThat(json(gone).path("error").asText()).contains("no alert rule '" + id + "'");
            assertThat(a.delete("/api/v1/alerts/" + id).statusCode()).isEqualTo(404);
            assertThat(a.fx.send(HttpRequest.newBuilder(a.fx.uri("/api/v1/alerts")).method("PATCH",
                    HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(405);
        }
    }

    @Test
    void badRulesAre400sThatNameTheFieldAndColumn(@TempDir Path data) throws Exception {
        try (AlertFixture a = new AlertFixture(data)) {
            HttpResponse<String> lql = a.post("/api/v1/alerts", RULE.replace("service:payments level:ERROR", "level:(ERROR"));
            assertThat(lql.statusCode()).isEqualTo(400);
            assertThat(json(lql).path("field").asText()).isEqualTo("query");
            assertThat(json(lql).path("column").asInt()).isPositive();

            HttpResponse<String> cond = a.post("/api/v1/alerts", RULE.replace("count() > 20", "count() is big"));
            assertThat(cond.statusCode()).isEqualTo(400);
            assertThat(json(cond).path("field").asText()).isEqualTo("condition");
            assertThat(json(cond).path("error").asText()).contains("count() > 20");

            HttpResponse<String> agg = a.post("/api/v1/alerts", RULE.replace("count() > 20", "pct(latency_ms) > 2"));
            assertThat(agg.statusCode()).isEqualTo(400);
            assertThat(json(agg).path("field").asText()).isEqualTo("condition");
            assertThat(json(agg).path("column").asInt()).isEqualTo(1);

            HttpResponse<String> stats = a.post("/api/v1/alerts", RULE.replace("level:ERROR", "level:ERROR | stats count()"));
            assertThat(json(stats).path("error").asText()).contains("put the aggregate in 'condition'");

            HttpResponse<String> typo = a.post("/api/v1/alerts", RULE.replace("\"window\"", "\"windw\""));
            assertThat(typo.statusCode()).isEqualTo(400);
            assertThat(json(typo).path("error").asText()).startsWith("windw: is not a field");

            HttpResponse<String> window = a.post("/api/v1/alerts", RULE.replace("\"5m\"", "\"5 minutes\""));
            assertThat(json(window).path("field").asText()).isEqualTo("window");

            HttpResponse<String> notJson = a.post("/api/v1/alerts", "{");
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(json(notJson).path("error").asText()).contains("not valid JSON");
            assertThat(a.get("/api/v1/alerts").path("rules")).isEmpty();
        }
    }

    @Test
    void aTestRunAnswersTheCurrentValueWithoutChangingState(@TempDir Path data) throws Exception {
        try (AlertFixture a = new AlertFixture(data)) {
            a.ingest("payments", "ERROR", 25);
            HttpResponse<String> preview = a.post("/api/v1/alerts/test", RULE.replace("\"by\": [\"host\"],", ""));
            assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
            assertThat(json(preview).path("value").asDouble()).isEqualTo(25);
            assertThat(json(preview).path("breaching").asBoolean()).isTrue();

            String id = a.createRule(RULE.replace("[\"host\"]", "[\"service\"]")).path("id").asText();
            JsonNode run = json(a.post("/api/v1/alerts/" + id + "/test", ""));
            assertThat(run.path("groups")).singleElement().satisfies(g -> {
                assertThat(g.path("group").path("service").asText()).isEqualTo("payments");
                assertThat(g.path("value").asDouble()).isEqualTo(25);
            });
            assertThat(a.status(id).path("last_evaluated").isNull()).isTrue();
            assertThat(a.engine().outbox().pending()).isZero();
        }
    }

    @Test
    void rulesOfTheAlertsFileAreListedEvaluatedAndReadOnly(@TempDir Path data) throws Exception {
        Path file = data.resolve("alerts.json");
        Files.writeString(file, "{\"public_url\": \"https://logs.example.com\", \"rules\": [{\"id\": \"payments-errors\","
                + " \"tenant\": \"default\", \"name\": \"payments errors\", \"query\": \"service:payments\","
                + " \"condition\": \"count() > 5\", \"interval\": \"30s\"}]}");
        AlertsFile alerts = AlertsFile.read(file);
        assertThat(alerts.publicUrl()).isEqualTo("https://logs.example.com");
        try (AlertFixture a = new AlertFixture(data.resolve("data"), s -> s.withFile(alerts))) {
            JsonNode rule = a.get("/api/v1/alerts/payments-errors");
            assertThat(rule.path("provisioned").asBoolean()).isTrue();
            a.ingest("payments", "ERROR", 10);
            a.evaluate(Duration.ofSeconds(30));
            assertThat(a.status("payments-errors").path("state").asText()).isEqualTo("firing");

            HttpResponse<String> put = a.put("/api/v1/alerts/payments-errors", rule.toString());
            assertThat(put.statusCode()).isEqualTo(409);
            assertThat(json(put).path("error").asText()).contains("comes from the alerts file");
            assertThat(a.delete("/api/v1/alerts/payments-errors").statusCode()).isEqualTo(409);
        }

        Files.writeString(file, "{\"rules\": [{\"id\": \"slow\", \"name\": \"slow\", \"condition\": \"p95(latency_ms) >\"}]}");
        assertThatThrownBy(() -> AlertsFile.read(file)).hasMessageContaining("rule 1 ('slow')")
                .hasMessageContaining("condition");
    }

    @Test
    void silencesAreListedAndDeleted(@TempDir Path data) throws Exception {
        try (AlertFixture a = new AlertFixture(data)) {
            HttpResponse<String> bad = a.post("/api/v1/alerts/silences", "{\"rule_id\": \"nope\", \"duration\": \"1h\"}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(json(bad).path("field").asText()).isEqualTo("rule_id");
            HttpResponse<String> created = a.post("/api/v1/alerts/silences",
                    "{\"matchers\": {\"service\": \"payments\"}, \"duration\": \"2h\", \"comment\": \"maintenance\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = json(created).path("id").asText();
            assertThat(a.get("/api/v1/alerts/silences").path("silences")).singleElement()
                    .satisfies(s -> assertThat(s.path("matchers").path("service").asText()).isEqualTo("payments"));
            assertThat(a.delete("/api/v1/alerts/silences/" + id).statusCode()).isEqualTo(200);
            assertThat(a.get("/api/v1/alerts/silences").path("silences")).isEmpty();
        }
    }

    @Test
    void readingNeedsTheReadRoleAndChangingTheAdminRole(@TempDir Path data) throws Exception {
        KeyFile keys = KeyFile.in(data);
        IssuedKey read = keys.create(Role.READ, "alpha", "dashboards");
        IssuedKey admin = keys.create(Role.ADMIN, "alpha", "ops");
        IssuedKey otherTenant = keys.create(Role.ADMIN, "bravo", "ops");
        try (AlertFixture a = new AlertFixture(data, s -> s, true)) {
            HttpResponse<String> byReader = a.fx.send(HttpRequest.newBuilder(a.fx.uri("/api/v1/alerts"))
                    .header("Authorization", "Bearer " + read.token().text())
                    .POST(HttpRequest.BodyPublishers.ofString(RULE)));
            assertThat(byReader.statusCode()).isEqualTo(403);
            HttpResponse<String> byAdmin = a.fx.send(HttpRequest.newBuilder(a.fx.uri("/api/v1/alerts"))
                    .header("Authorization", "Bearer " + admin.token().text())
                    .POST(HttpRequest.BodyPublishers.ofString(RULE)));
            assertThat(byAdmin.statusCode()).isEqualTo(201);
            HttpResponse<String> listed = a.fx.send(HttpRequest.newBuilder(a.fx.uri("/api/v1/alerts"))
                    .header("Authorization", "Bearer " + read.token().text()).GET());
            assertThat(json(listed).path("rules")).hasSize(1);
            HttpResponse<String> otherList = a.fx.send(HttpRequest.newBuilder(a.fx.uri("/api/v1/alerts"))
                    .header("Authorization", "Bearer " + otherTenant.token().text()).GET());
            assertThat(json(otherList).path("rules")).isEmpty();
            assertThat(a.engine().repository().rules("alpha")).hasSize(1);
        }
    }
}
