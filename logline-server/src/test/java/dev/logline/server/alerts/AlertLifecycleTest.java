package dev.logline.server.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.server.alerts.notify.WebhookNotifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.logline.server.ServerFixture.enc;
import static dev.logline.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alert rules from threshold to notification against a real server and store, with a real webhook receiver on a
 * random port: firing once, not again inside the re-notify interval, resolving; groups firing on their own; a
 * service that went silent; silences; a broken rule; a restart; a receiver that is down.
 */
class AlertLifecycleTest {

    @TempDir
    Path data;

    AlertFixture a;
    WebhookReceiver receiver;

    @BeforeEach
    void start() {
        receiver = new WebhookReceiver();
        a = new AlertFixture(data, s -> s.withMaxGroups(20));
    }

    @AfterEach
    void stop() throws IOException {
        a.close();
        receiver.close();
    }

    private String rule(String name, String query, String condition, String by, String extra) {
        return "{\"name\": \"" + name + "\", \"query\": \"" + query + "\", \"window\": \"5m\", \"condition\": \""
                + condition + "\", \"by\": " + by + ", \"interval\": \"30s\", \"renotify\": \"1h\","
                + " \"severity\": \"critical\", \"labels\": {\"team\": \"payments\"}," + extra
                + " \"notify\": [{\"type\": \"webhook\", \"url\": \"" + receiver.url("/hook") + "\", \"secret\": \"s3cret\"}]}";
    }

    private List<JsonNode> notifications() {
        return receiver.received().stream().map(WebhookReceiver.Received::json).toList();
    }

    @Test
    void firesOnceWhenTheThresholdIsCrossedStaysQuietInsideTheIntervalAndResolves() {
        String id = a.createRule(rule("payments errors", "service:payments level:ERROR", "count() > 20", "[]", ""))
                .path("id").asText();
        a.ingest("payments", "ERROR", 10);
        a.ingest("payments", "INFO", 50);
        a.evaluate(Duration.ofSeconds(30));
        assertThat(a.status(id).path("state").asText()).isEqualTo("ok");
        assertThat(a.status(id).path("value").asDouble()).isEqualTo(10);
        assertThat(receiver.received()).isEmpty();

        a.ingest("payments", "ERROR", 15);
        a.evaluate(Duration.ofSeconds(30));
        assertThat(a.status(id).path("state").asText()).isEqualTo("firing");
        assertThat(receiver.received()).hasSize(1);
        WebhookReceiver.Received first = receiver.received().get(0);
        JsonNode n = first.json();
        assertThat(n.path("status").asText()).isEqualTo("firing");
        assertThat(n.path("value").asDouble()).isEqualTo(25);
        assertThat(n.path("threshold").asDouble()).isEqualTo(20);
        assertThat(n.path("window").asText()).isEqualTo("5m");
        assertThat(n.path("rule").path("id").asText()).isEqualTo(id);
        assertThat(n.path("rule").path("labels").path("team").asText()).isEqualTo("payments");
        assertThat(n.path("previous_state").asText()).isEqualTo("ok");
        assertThat(n.path("message").asText()).contains("[FIRING] payments errors", "count() = 25");
        assertThat(n.path("link").asText()).startsWith("http://127.0.0.1:" + a.fx.server.port() + "/#q=")
                .contains("&from=", "&to=");
        assertThat(first.header(WebhookNotifier.SIGNATURE_HEADER))
                .isEqualTo(WebhookNotifier.signature("s3cret", first.body()));
        assertThat(first.header(WebhookNotifier.DELIVERY_HEADER)).isEqualTo(n.path("id").asText());

        // Still breaching, inside the one-hour re-notify interval: no second notification.
        a.evaluate(Duration.ofSeconds(30));
        a.evaluate(Duration.ofSeconds(30));
        assertThat(a.status(id).path("state").asText()).isEqualTo("firing");
        assertThat(receiver.received()).hasSize(1);

        // The window moves past the errors: resolved, and told.
        a.evaluate(Duration.ofMinutes(5));
        assertThat(a.status(id).path("state").asText()).isEqualTo("resolved");
        assertThat(notifications()).extracting(x -> x.path("status").asText()).containsExactly("firing", "resolved");
        a.evaluate(Duration.ofSeconds(30));
        assertThat(a.status(id).path("state").asText()).isEqualTo("ok");
        assertThat(receiver.received()).hasSize(2);

        JsonNode history = a.get("/api/v1/alerts/" + id + "/history").path("entries");
        assertThat(history).extracting(h -> h.path("to").asText()).containsExactly("ok", "resolved", "firing");
        assertThat(history.get(2).path("notified").asBoolean()).isTrue();

        // Every change is an event of logline.alerts, searchable like any log.
        a.fx.store.refreshNow();
        JsonNode events = json(a.fx.get("/api/v1/search?last=2h&q=" + enc("service:logline.alerts rule_id:" + id)));
        assertThat(events.path("events")).extracting(e -> e.path("state").asText())
                .containsExactly("ok", "resolved", "firing");
        JsonNode firing = events.path("events").get(2);
        assertThat(firing.path("level").asText()).isEqualTo("ERROR");
        assertThat(firing.path("value").asDouble()).isEqualTo(25);
        assertThat(firing.path("msg").asText()).contains("[FIRING] payments errors");
    }

    @Test
    void aGroupedRuleFiresForEachGroupOnItsOwn() {
        String id = a.createRule(rule("errors per service", "level:ERROR", "count() > 5", "[\"service\"]", ""))
                .path("id").asText();
        a.ingest("payments", "ERROR", 10);
        a.ingest("ordering", "ERROR", 2);
        a.evaluate(Duration.ofSeconds(30));
        assertThat(notifications()).hasSize(1);
        assertThat(notifications().get(0).path("group").path("service").asText()).isEqualTo("payments");
        assertThat(notifications().get(0).path("link").asText()).contains("service%3Apayments");

        a.ingest("ordering", "ERROR", 10);
        a.evaluate(Duration.ofSeconds(30));
        assertThat(notifications()).hasSize(2);
        assertThat(notifications().get(1).path("group").path("service").asText()).isEqualTo("ordering");
        assertThat(notifications().get(1).path("value").asDouble()).isEqualTo(12);
        JsonNode groups = a.status(id).path("groups");
        assertThat(groups).extracting(g -> g.path("group").path("service").asText() + "=" + g.path("state").asText())
                .containsExactlyInAnyOrder("payments=firing", "ordering=firing");
    }

    @Test
    void countEqualsZeroFiresForAServiceThatWentSilent() {
        String id = a.createRule(rule("service silent", "*", "count() == 0", "[\"service\"]", "")).path("id").asText();
        a.ingest("payments", "INFO", 3);
        a.ingest("ordering", "INFO", 3);
        a.evaluate(Duration.ofSeconds(30));
        assertThat(a.status(id).path("state").asText()).isEqualTo("ok");

        a.evaluate(Duration.ofMinutes(3));
        a.ingest("ordering", "INFO", 3);
        a.evaluate(Duration.ofMinutes(3));
        assertThat(receiver.received()).hasSize(1);
        JsonNode n = notifications().get(0);
        assertThat(n.path("group").path("service").asText()).isEqualTo("payments");
        assertThat(n.path("value").asDouble()).isZero();
        assertThat(a.status(id).path("groups")).extracting(g -> g.path("group").path("service").asText() + "="
                + g.path("state").asText()).containsExactlyInAnyOrder("payments=firing", "ordering=ok");
    }

    @Test
    void aSilenceSuppressesNotificationsUntilItEnds() {
        String id = a.createRule(rule("payments errors", "service:payments", "count() > 5", "[]", "")).path("id").asText();
        HttpResponse<String> s = a.post("/api/v1/alerts/silences", "{\"rule_id\": \"" + id
                + "\", \"duration\": \"10m\", \"comment\": \"deploying payments\"}");
        assertThat(s.statusCode()).isEqualTo(201);
        assertThat(json(s).path("active").asBoolean()).isTrue();

        a.ingest("payments", "ERROR", 10);
        a.evaluate(Duration.ofSeconds(30));
        assertThat(a.status(id).path("state").asText()).isEqualTo("firing");
        assertThat(receiver.received()).isEmpty();
        JsonNode history = a.get("/api/v1/alerts/" + id + "/history").path("entries");
        assertThat(history.get(0).path("to").asText()).isEqualTo("firing");
        assertThat(history.get(0).path("silenced").asBoolean()).isTrue();

        a.ingest("payments", "ERROR", 10);
        a.evaluate(Duration.ofMinutes(4));
        assertThat(receiver.received()).isEmpty();
        a.ingest("payments", "ERROR", 10);
        a.evaluate(Duration.ofMinutes(4));
        assertThat(receiver.received()).isEmpty();
        // Past the silence's end, still firing: now the receiver hears of it, once.
        a.ingest("payments", "ERROR", 10);
        a.evaluate(Duration.ofMinutes(4));
        a.evaluate(Duration.ofSeconds(30));
        assertThat(notifications()).extracting(n -> n.path("status").asText()).containsExactly("firing");
        assertThat(a.get("/api/v1/alerts/silences").path("silences").get(0).path("active").asBoolean()).isFalse();
    }

    @Test
    void aRuleWhoseQueryFailsReportsItsError() {
        String id = a.createRule(rule("per request", "*", "count() > 100", "[\"request_id\"]", "")).path("id").asText();
        a.ingest("payments", "INFO", 30);
        a.evaluate(Duration.ofSeconds(30));
        JsonNode status = a.status(id);
        assertThat(status.path("state").asText()).isEqualTo("error");
        assertThat(status.path("error").asText()).contains("more than 20 groups");
        assertThat(notifications()).hasSize(1);
        assertThat(notifications().get(0).path("status").asText()).isEqualTo("error");
        assertThat(notifications().get(0).path("error").asText()).contains("more than 20 groups");
        JsonNode history = a.get("/api/v1/alerts/" + id + "/history").path("entries");
        assertThat(history.get(0).path("to").asText()).isEqualTo("error");
        assertThat(history.get(0).path("detail").asText()).contains("more than 20 groups");
        HttpResponse<String> test = a.post("/api/v1/alerts/" + id + "/test", "");
        assertThat(test.statusCode()).isEqualTo(400);
        assertThat(json(test).path("error").asText()).contains("cannot be evaluated", "more than 20 groups");

        // Still failing: told once, not at every evaluation.
        a.evaluate(Duration.ofSeconds(30));
        assertThat(notifications()).hasSize(1);
    }

    @Test
    void rulesAndTheirStatesSurviveARestart() throws IOException {
        String id = a.createRule(rule("payments errors", "service:payments", "count() > 5", "[]", "")).path("id").asText();
        a.ingest("payments", "ERROR", 10);
        a.evaluate(Duration.ofSeconds(30));
        assertThat(receiver.received()).hasSize(1);

        a.restart();
        JsonNode after = a.get("/api/v1/alerts/" + id);
        assertThat(after.path("name").asText()).isEqualTo("payments errors");
        assertThat(after.path("status").path("state").asText()).isEqualTo("firing");
        assertThat(a.get("/api/v1/alerts/" + id + "/history").path("entries")).hasSize(1);
        // It remembers it already told the receiver, and when it resolves it says so.
        a.evaluate(Duration.ofSeconds(30));
        assertThat(receiver.received()).hasSize(1);
        a.evaluate(Duration.ofMinutes(5));
        assertThat(notifications()).extracting(n -> n.path("status").asText()).containsExactly("firing", "resolved");
    }

    @Test
    void aReceiverThatAnswersErrorsGetsTheNotificationLater() {
        a.createRule(rule("payments errors", "service:payments", "count() > 5", "[]", ""));
        receiver.answer(503);
        a.ingest("payments", "ERROR", 10);
        a.evaluate(Duration.ofSeconds(30));
        assertThat(receiver.attempts()).isEqualTo(1);
        assertThat(a.engine().outbox().list("default")).singleElement()
                .satisfies(o -> assertThat(o.path("last_error").asText()).contains("503"));

        // The first retry is due 10 s after the failure.
        a.evaluate(Duration.ofSeconds(5));
        assertThat(receiver.attempts()).isEqualTo(1);
        receiver.answer(200);
        a.evaluate(Duration.ofSeconds(6));
        assertThat(notifications()).extracting(n -> n.path("status").asText()).containsExactly("firing");
        assertThat(a.engine().outbox().pending()).isZero();
    }

    @Test
    void aReceiverThatIsDownGetsTheNotificationAfterTheServerRestarts() throws Exception {
        a.createRule(rule("payments errors", "service:payments", "count() > 5", "[]", ""));
        receiver.stop();
        a.ingest("payments", "ERROR", 10);
        a.evaluate(Duration.ofSeconds(30));
        assertThat(a.engine().outbox().pending()).isEqualTo(1);
        String delivery = a.engine().outbox().list("default").get(0).path("payload").path("id").asText();

        a.restart();
        receiver.restartOnSamePort();
        a.evaluate(Duration.ofMinutes(1));
        assertThat(receiver.received()).singleElement().satisfies(r -> {
            assertThat(r.header(WebhookNotifier.DELIVERY_HEADER)).isEqualTo(delivery);
            assertThat(r.json().path("status").asText()).isEqualTo("firing");
        });
        assertThat(a.engine().outbox().pending()).isZero();
    }
}
