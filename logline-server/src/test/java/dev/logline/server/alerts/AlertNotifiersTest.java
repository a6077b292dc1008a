package dev.logline.server.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.logline.server.alerts.notify.SmtpSettings;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The e-mail notifier against GreenMail's real SMTP server in-process, the Slack-compatible format against a real
 * HTTP receiver, and a rule that must breach several evaluations in a row before it fires.
 */
class AlertNotifiersTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path data;

    AlertFixture a;
    WebhookReceiver slack;

    @BeforeEach
    void start() {
        slack = new WebhookReceiver();
        a = new AlertFixture(data, s -> s.withPublicUrl("https://logs.example.com")
                .withSmtp(new SmtpSettings("127.0.0.1", smtp.getSmtp().getPort(), "logline@example.com", null, null,
                        "none")));
    }

    @AfterEach
    void stop() throws IOException {
        a.close();
        slack.close();
    }

    @Test
    void anEmailAndASlackMessageArriveWhenARuleFiresAfterItsPendingEvaluations() throws Exception {
        String id = a.createRule("{\"name\": \"checkout slow\", \"query\": \"service:checkout\", \"window\": \"5m\","
                + " \"condition\": \"p95(latency_ms) > 50\", \"interval\": \"1m\", \"for\": 2, \"severity\": \"warning\","
                + " \"notify\": [{\"type\": \"email\", \"to\": [\"oncall@example.com\"]},"
                + " {\"type\": \"slack\", \"url\": \"" + slack.url("/services/T0/B0/x") + "\"}]}").path("id").asText();
        a.ingest("checkout", "INFO", 20);
        a.evaluate(Duration.ofMinutes(1));
        assertThat(a.status(id).path("state").asText()).isEqualTo("pending");
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(slack.received()).isEmpty();

        a.ingest("checkout", "INFO", 20);
        a.evaluate(Duration.ofMinutes(1));
        assertThat(a.status(id).path("state").asText()).isEqualTo("firing");

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("oncall@example.com");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("logline@example.com");
        assertThat(mail.getSubject()).startsWith("[FIRING] checkout slow").contains("p95(latency_ms) = 118");
        String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(mail);
        assertThat(body).contains("Query:     service:checkout", "https://logs.example.com/#q=service%3Acheckout");

        assertThat(slack.received()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/services/T0/B0/x");
            JsonNode msg = r.json();
            assertThat(msg.fieldNames()).toIterable().containsExactly("text");
            assertThat(msg.path("text").asText()).contains("[FIRING] checkout slow",
                    "<https://logs.example.com/#q=service%3Acheckout", "|Open the events in Logline>");
        });
    }

    @Test
    void anEmailThatCannotBeSentWaitsInTheOutbox() {
        smtp.stop();
        a.createRule("{\"name\": \"any error\", \"query\": \"level:ERROR\", \"condition\": \"count() > 0\","
                + " \"notify\": [{\"type\": \"email\", \"to\": \"oncall@example.com\"}]}");
        a.ingest("payments", "ERROR", 1);
        a.evaluate(Duration.ofMinutes(1));
        assertThat(a.engine().outbox().list("default")).singleElement()
                .satisfies(o -> assertThat(o.path("attempts").asInt()).isEqualTo(1));
    }
}
