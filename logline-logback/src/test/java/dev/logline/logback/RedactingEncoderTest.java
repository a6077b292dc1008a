package dev.logline.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.Status;
import dev.logline.core.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.logline.logback.EncoderFixture.encoder;
import static dev.logline.logback.EncoderFixture.strictParse;
import static org.assertj.core.api.Assertions.assertThat;

/** The encoder redacts before anything is written, in every preset and in the pretty console. */
class RedactingEncoderTest {

    private static final String CARD = "4111 1111 1111 1111";
    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwYXVsIiwiZXhwIjoxfQ.c2lnbmF0dXJlLWJ5dGVz";
    private static final List<String> SECRETS = List.of(CARD, "4111111111111111", JWT, "hunter2", "s3cr3t-cookie",
            "AKIAIOSFODNN7EXAMPLE", "tok-abcdef123456");

    private final CapturedEvents events = new CapturedEvents();

    private LoggingEvent leakyEvent() {
        MDC.put("authorization", "Bearer tok-abcdef123456");
        try {
            return events.capture(log -> log.atError()
                    .setMessage("charge of card {} failed, body {\"password\":\"hunter2\"}")
                    .addArgument(CARD)
                    .addKeyValue("request", Map.of("headers", Map.of("Cookie", "s3cr3t-cookie", "Accept", "json"),
                            "url", "https://shop.example/cb?access_token=tok-abcdef123456&page=2"))
                    .addKeyValue("aws", "key AKIAIOSFODNN7EXAMPLE in config")
                    .addKeyValue("card_number", 4111111111111111L)
                    .addKeyValue("order_id", "ORD-2026-000123")
                    .addKeyValue("steps", List.of(new Step(1.0, 1.0, 12, "token " + JWT + " parsed")))
                    .setCause(new IllegalStateException("gateway refused " + JWT,
                            new RuntimeException("password=hunter2 rejected")))
                    .log());
        } finally {
            MDC.clear();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"logline", "ecs", "logstash", "otel", "gelf", "pretty"})
    void noSecretLeavesInAnyPreset(String preset) {
        LoglineEncoder enc = encoder(events.context(), e -> {
            if (preset.equals("pretty")) {
                e.setPretty(true);
                e.setColor(false);
            } else {
                e.setPreset(preset);
            }
        });
        String out = new String(enc.encode(leakyEvent()), StandardCharsets.UTF_8);
        for (String secret : SECRETS) {
            assertThat(out).as(preset).doesNotContain(secret);
        }
        assertThat(out).contains("ORD-2026-000123").contains("[REDACTED:card]");
        if (!preset.equals("pretty")) {
            strictParse(enc.encode(leakyEvent()));
        }
    }

    @Test
    void theLoglineShapeKeepsEverythingButTheSecrets() {
        LoglineEncoder enc = encoder(events.context(), e -> { });
        Map<String, Object> m = strictParse(enc.encode(leakyEvent()));
        assertThat(m.get("msg")).isEqualTo("charge of card [REDACTED:card] failed, body {\"password\":\"[REDACTED]\"}");
        assertThat(m.get("authorization")).isEqualTo("[REDACTED]");
        assertThat(m.get("request")).isEqualTo(Map.of(
                "headers", Map.of("Cookie", "[REDACTED]", "Accept", "json"),
                "url", "https://shop.example/cb?access_token=[REDACTED]&page=2"));
        assertThat(m.get("card_number")).isEqualTo("[REDACTED]");
        assertThat(m.get("aws")).isEqualTo("key [REDACTED:cloud_key] in config");
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) m.get("error");
        assertThat(error.get("message")).isEqualTo("gateway refused [REDACTED:jwt]");
        assertThat(error.get("type")).isEqualTo("java.lang.IllegalStateException");
        assertThat(((Map<?, ?>) error.get("cause")).get("message")).isEqualTo("password=[REDACTED] rejected");
        assertThat(((List<?>) m.get("steps")).get(0)).asString().contains("token [REDACTED:jwt] parsed");
    }

    @Test
    void logbackXmlAddsRulesHashesWithTheKeyAndDrops() throws Exception {
        String xml = "<configuration><appender name='OUT' class='ch.qos.logback.core.ConsoleAppender'>"
                + "<encoder class='dev.logline.logback.LoglineEncoder'>"
                + "<redact>detect card hash; field order_id partial</redact>"
                + "<redact>field request drop</redact>"
                + "<redactionKey>a-long-random-secret-of-32-bytes!</redactionKey>"
                + "</encoder></appender><root level='INFO'><appender-ref ref='OUT'/></root></configuration>";
        LoggerContext context = configure(xml);
        assertThat(errors(context)).isEmpty();
        LoglineEncoder enc = (LoglineEncoder) ((ConsoleAppender<?>) context.getLogger("ROOT").getAppender("OUT"))
                .getEncoder();
        Map<String, Object> a = strictParse(enc.encode(leakyEvent()));
        Map<String, Object> b = strictParse(enc.encode(events.capture(log -> log.info("again 4111-1111-1111-1111"))));
        String hash = ((String) a.get("msg")).split(" ")[3];
        assertThat(hash).startsWith("hmac:");
        assertThat(b.get("msg")).isEqualTo("again " + hash);
        assertThat(a).doesNotContainKey("request").containsEntry("order_id", "***-****-**0123");
        context.stop();
    }

    @Test
    void offWritesEverythingAndCustomUsesOnlyTheGivenRules() {
        LoglineEncoder off = encoder(events.context(), e -> e.setRedaction("off"));
        assertThat(new String(off.encode(leakyEvent()), StandardCharsets.UTF_8)).contains(CARD).contains("hunter2");
        LoglineEncoder custom = encoder(events.context(), e -> {
            e.setRedaction("custom");
            e.addRedact("field aws");
        });
        Map<String, Object> m = strictParse(custom.encode(leakyEvent()));
        assertThat(m.get("aws")).isEqualTo("[REDACTED]");
        assertThat((String) m.get("msg")).contains(CARD);
    }

    @Test
    void badRulesAreReportedAndNeverTurnRedactionOff() {
        LoglineEncoder enc = encoder(events.context(), e -> {
            e.addRedact("detect creditcards");
            e.addRedact("field card_number hash");
            e.setRedaction("sometimes");
        });
        assertThat(errors(events.context()))
                .anyMatch(m -> m.contains("unknown detector 'creditcards'"))
                .anyMatch(m -> m.contains("unknown redaction mode 'sometimes'"))
                .anyMatch(m -> m.contains("needs a secret key") && m.contains("Using the built-in redaction rules"));
        String out = new String(enc.encode(leakyEvent()), StandardCharsets.UTF_8);
        for (String secret : SECRETS) {
            assertThat(out).doesNotContain(secret);
        }
    }

    @Test
    void aKeyFromAMissingEnvironmentVariableIsReported() {
        encoder(events.context(), Map.of(), e -> e.setRedactionKey("env:LOGLINE_REDACTION_KEY"));
        assertThat(errors(events.context())).anyMatch(m -> m.contains("LOGLINE_REDACTION_KEY, which is not set"));
    }

    private static LoggerContext configure(String xml) throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return context;
    }

    private static List<String> errors(LoggerContext context) {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == Status.ERROR).map(Status::getMessage).toList();
    }
}
