package dev.logline.core.redact;

import dev.logline.core.ErrorInfo;
import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.core.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedactorTest {

    private static final Redactor DEFAULTS = Redactor.of(RedactionPolicy.defaults());
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6Ik"
            + "pvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "5555555555554444",
            "2223003122003222", "378282246310005", "3782 822463 10005", "6011111111111117", "30569309025904",
            "3530111333300000", "4012888888881881"})
    void cardsInTextAreMasked(String card) {
        assertThat(DEFAULTS.text("payment failed for card " + card + " (declined)"))
                .isEqualTo("payment failed for card [REDACTED:card] (declined)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1112", "1764000000000", "1234567890123456", "4111111111111111111111",
            "ORD4111111111111111", "41111111111111112026", "2026-11-22 10:00:00.123456"})
    void numbersThatAreNotCardsStay(String text) {
        assertThat(DEFAULTS.text("value " + text + " end")).isEqualTo("value " + text + " end");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "123e4567-e89b-12d3-a456-426614174000", "12345678-1234-1234-1234-123456789012",
            "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "4111111111111111aa",
            "ORD-2026-000123", "ORD987", "100045678", "2026-11-22T10:00:00.123456Z", "1764000000", "1.4.2",
            "v3.10.0-rc1", "17.0.15+6", "req-5f1c2a9e", "order 4711 shipped in 3 boxes",
            "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "took 1500 ms",
            "token expired", "the password reset page", "Bearer", "basically fine", "a@b",
            "session started at 10:00:00", "https://example.com/a/b?page=2&sort=desc",
            "skeleton-key-for-docs", "AKIA-short", "ghp_short"})
    void ordinaryValuesStay(String text) {
        assertThat(DEFAULTS.text(text)).isSameAs(text);
        assertThat(DEFAULTS.attribute("value", text)).isSameAs(text);
    }

    @Test
    void jwtsAndBearerAndBasicCredentialsAreMasked() {
        assertThat(DEFAULTS.text("token " + JWT + " rejected")).isEqualTo("token [REDACTED:jwt] rejected");
        assertThat(DEFAULTS.text("sent Bearer abcdefghij0123456789 to upstream"))
                .isEqualTo("sent Bearer [REDACTED:credential] to upstream");
        assertThat(DEFAULTS.text("header basic dXNlcjpwYXNzd29yZA== seen"))
                .isEqualTo("header basic [REDACTED:credential] seen");
    }

    @Test
    void keyShapesAndPrivateKeysAreMasked() {
        assertThat(DEFAULTS.text("using AKIAIOSFODNN7EXAMPLE now")).isEqualTo("using [REDACTED:cloud_key] now");
        assertThat(DEFAULTS.text("gh ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 ok"))
                .isEqualTo("gh [REDACTED:cloud_key] ok");
        assertThat(DEFAULTS.text("slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"))
                .isEqualTo("slack [REDACTED:cloud_key]");
        assertThat(DEFAULTS.text("stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc."))
                .isEqualTo("stripe [REDACTED:cloud_key].");
        assertThat(DEFAULTS.text("google AIzaSyA-1234567890abcdefghijklmnopqrstu"))
                .isEqualTo("google [REDACTED:cloud_key]");
        assertThat(DEFAULTS.text("openai sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8t"))
                .isEqualTo("openai [REDACTED:cloud_key]");
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1234\nabcd\n-----END RSA PRIVATE KEY-----";
        assertThat(DEFAULTS.text("loaded " + pem + " from disk")).isEqualTo("loaded [REDACTED:private_key] from disk");
        assertThat(DEFAULTS.text("cut -----BEGIN PRIVATE KEY-----\nMIIEv")).isEqualTo("cut [REDACTED:private_key]");
    }

    @Test
    void fieldNamesInsideTextAreMasked() {
        assertThat(DEFAULTS.text("login failed password=hunter2 user=paul"))
                .isEqualTo("login failed password=[REDACTED] user=paul");
        assertThat(DEFAULTS.text("GET /cb?code=1&access_token=xyz123&state=ok HTTP/1.1"))
                .isEqualTo("GET /cb?code=1&access_token=[REDACTED]&state=ok HTTP/1.1");
        assertThat(DEFAULTS.text("body {\"user\":\"paul\",\"password\":\"hun ter2\",\"cardNumber\":\"x\"}"))
                .isEqualTo("body {\"user\":\"paul\",\"password\":\"[REDACTED]\",\"cardNumber\":\"[REDACTED]\"}");
        assertThat(DEFAULTS.text("Authorization: Bearer abc.def, next"))
                .isEqualTo("Authorization: [REDACTED], next");
        assertThat(DEFAULTS.text("db url postgres://app:s3cr3t@db:5432/shop ok"))
                .isEqualTo("db url postgres://app:[REDACTED:credential]@db:5432/shop ok");
        assertThat(DEFAULTS.text("X-Api-Key = k-123 sent")).isEqualTo("X-Api-Key = [REDACTED] sent");
    }

    @Test
    void attributesAreRedactedByNameAtAnyDepthAndByValue() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer abcdefghijklmnop");
        headers.put("Accept", "application/json");
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("headers", headers);
        req.put("path", "/pay?card=4111111111111111");
        req.put("ids", List.of("ORD987", "4111 1111 1111 1111"));
        Object out = DEFAULTS.attribute("request", req);
        assertThat(out).isEqualTo(Map.of(
                "headers", Map.of("Authorization", "[REDACTED]", "Accept", "application/json"),
                "path", "/pay?card=[REDACTED]",
                "ids", List.of("ORD987", "[REDACTED:card]")));
        assertThat(DEFAULTS.attribute("user.password", "hunter2")).isEqualTo("[REDACTED]");
        assertThat(DEFAULTS.attribute("client_secret", 12345L)).isEqualTo("[REDACTED]");
        assertThat(DEFAULTS.attribute("card_number_long", 4111111111111111L)).isEqualTo("[REDACTED:card]");
        assertThat(DEFAULTS.attribute("items", 3)).isEqualTo(3);
        assertThat(DEFAULTS.attribute("tokens", 1500)).isEqualTo(1500);
    }

    @Test
    void nestedPathPatternsMatchTheEndOfThePath() {
        Redactor r = Redactor.of(RedactionPolicy.builder().rule("field headers.x-session drop").build());
        Map<String, Object> nested = new LinkedHashMap<>(Map.of("headers", new LinkedHashMap<>(Map.of("x-session", "s1",
                "x-other", "o"))));
        assertThat(r.attribute("http", nested)).isEqualTo(Map.of("headers", Map.of("x-other", "o")));
        assertThat(r.attribute("http.headers.X_Session", "s1")).isSameAs(Redactor.DROP);
        assertThat(r.attribute("x-session", "s1")).isEqualTo("s1");
    }

    @Test
    void actionsMaskPartialHashAndDrop() {
        Redactor r = Redactor.of(RedactionPolicy.builder()
                .rules("detect card partial; field email hash; field debug_dump drop; detect email hash")
                .hashKey(KEY).build());
        assertThat(r.text("card 4111-1111-1111-1111 used")).isEqualTo("card ****-****-****-1111 used");
        Object h1 = r.attribute("email", "Paul@Example.com");
        assertThat(h1).asString().startsWith("hmac:").hasSize(21);
        assertThat(r.attribute("debug_dump", Map.of("a", 1))).isSameAs(Redactor.DROP);
        assertThat(r.text("mail paul@example.com")).isEqualTo("mail " + r.text("PAUL@example.COM"));
    }

    @Test
    void theSameCardHashesTheSameAndAnotherKeyGivesAnotherHash() {
        RedactionPolicy.Builder b = RedactionPolicy.builder().rule("detect card hash");
        Redactor one = Redactor.of(b.hashKey(KEY).build());
        String a = one.text("4111 1111 1111 1111");
        String b2 = one.text("card 4111-1111-1111-1111 again").split(" ")[1];
        assertThat(a).startsWith("hmac:").isEqualTo(b2);
        Redactor other = Redactor.of(RedactionPolicy.builder().rule("detect card hash")
                .hashKey("another key of 32 bytes at least!".getBytes(StandardCharsets.UTF_8)).build());
        assertThat(other.text("4111 1111 1111 1111")).startsWith("hmac:").isNotEqualTo(a);
        assertThat(one.text("5555555555554444")).isNotEqualTo(a);
    }

    @Test
    void optInDetectorsFindEmailsIbansAndAddresses() {
        Redactor r = Redactor.of(RedactionPolicy.builder().withDefaults()
                .rules("detect email\ndetect iban\ndetect ipv4\ndetect ipv6").build());
        assertThat(r.text("from paul.smith+logs@mail.example.co.uk today"))
                .isEqualTo("from [REDACTED:email] today");
        assertThat(r.text("pay to GB82 WEST 1234 5698 7654 32 now")).isEqualTo("pay to [REDACTED:iban] now");
        assertThat(r.text("pay to DE89370400440532013000.")).isEqualTo("pay to [REDACTED:iban].");
        assertThat(r.text("bad DE89370400440532013001 iban")).isEqualTo("bad DE89370400440532013001 iban");
        assertThat(r.text("client 10.1.2.3 and 2001:db8::8a2e:370:7334 and ::1"))
                .isEqualTo("client [REDACTED:ipv4] and [REDACTED:ipv6] and [REDACTED:ipv6]");
        assertThat(r.text("version 1.2.3.4.5 at 10:00:00 mac aa:bb:cc:dd:ee:ff"))
                .isEqualTo("version 1.2.3.4.5 at 10:00:00 mac aa:bb:cc:dd:ee:ff");
        assertThat(DEFAULTS.text("paul@example.com from 10.1.2.3")).isEqualTo("paul@example.com from 10.1.2.3");
    }

    @Test
    void configuredRegexesAndOffRules() {
        Redactor r = Redactor.of(RedactionPolicy.builder().withDefaults()
                .rules("regex employee /EMP-[0-9]{5}/ mask; field *TOKEN off\ndetect jwt off").build());
        assertThat(r.text("EMP-12345 used token=abc " + JWT)).isEqualTo("[REDACTED:employee] used token=abc " + JWT);
        assertThat(r.attribute("access_token", "abc")).isEqualTo("abc");
        assertThat(r.attribute("password", "abc")).isEqualTo("[REDACTED]");
    }

    @Test
    void eventsAreRedactedInMessageAttributesErrorsAndSteps() {
        LogEvent e = LogEvent.builder().level(Level.ERROR)
                .msg("charge of 4111111111111111 failed")
                .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .attribute("password", "x")
                .attribute("order_id", "ORD987")
                .error(new ErrorInfo("java.lang.IllegalStateException", "bad token " + JWT,
                        "java.lang.IllegalStateException: bad token " + JWT + "\n\tat a.B.c(B.java:1)", "abc",
                        new ErrorInfo("x.Y", "password=hunter2")))
                .steps(List.of(new Step(1, 1, 10, "card 4111111111111111 read")))
                .build();
        LogEvent r = DEFAULTS.event(e);
        assertThat(r.msg()).isEqualTo("charge of [REDACTED:card] failed");
        assertThat(r.attributes()).containsEntry("password", "[REDACTED]").containsEntry("order_id", "ORD987");
        assertThat(r.error().message()).isEqualTo("bad token [REDACTED:jwt]");
        assertThat(r.error().stack()).doesNotContain("eyJ");
        assertThat(r.error().cause().message()).isEqualTo("password=[REDACTED]");
        assertThat(r.steps().get(0).msg()).isEqualTo("card [REDACTED:card] read");
        assertThat(r.traceId()).isEqualTo(e.traceId());
        LogEvent clean = LogEvent.builder().msg("order ORD987 placed").attribute("n", 3L).build();
        assertThat(DEFAULTS.event(clean)).isSameAs(clean);
    }

    @Test
    void jsonLinesAreRedactedAndWrittenBackOnlyWhenChanged() {
        String clean = "{\"msg\":\"ok\",\"n\":1}";
        assertThat(DEFAULTS.jsonLine(clean)).isSameAs(clean);
        assertThat(DEFAULTS.jsonLine("{\"msg\":\"card 4111111111111111\",\"auth\":{\"password\":\"p\"},\"n\":1}"))
                .isEqualTo("{\"msg\":\"card [REDACTED:card]\",\"auth\":{\"password\":\"[REDACTED]\"},\"n\":1}");
        assertThat(DEFAULTS.jsonLine("plain password=x")).isEqualTo("plain password=[REDACTED]");
    }

    @Test
    void aPolicyWithoutRulesChangesNothing() {
        Redactor none = Redactor.none();
        String s = "card 4111111111111111";
        assertThat(none.active()).isFalse();
        assertThat(none.text(s)).isSameAs(s);
        assertThat(none.attribute("password", "x")).isEqualTo("x");
    }

    @Test
    void badRulesSayWhatIsWrong() {
        assertThatThrownBy(() -> RedactionPolicy.builder().rule("detect creditcard"))
                .hasMessageContaining("unknown detector 'creditcard'").hasMessageContaining("card, jwt");
        assertThatThrownBy(() -> RedactionPolicy.builder().rule("field password scramble"))
                .hasMessageContaining("unknown action 'scramble'");
        assertThatThrownBy(() -> RedactionPolicy.builder().rule("regex x /(/"))
                .hasMessageContaining("not a valid expression");
        assertThatThrownBy(() -> RedactionPolicy.builder().rule("regex x /a*/"))
                .hasMessageContaining("matches the empty text");
        assertThatThrownBy(() -> RedactionPolicy.builder().rule("mask password"))
                .hasMessageContaining("starts with 'mask'");
        assertThatThrownBy(() -> RedactionPolicy.builder().rule("field card hash").build())
                .hasMessageContaining("needs a secret key");
        assertThatThrownBy(() -> RedactionPolicy.builder().hashKey(new byte[4]))
                .hasMessageContaining("at least 16");
    }

    @Test
    void rulesSplitOnLinesAndSemicolonsButNotInsideRegexes() {
        assertThat(RuleText.split("field a;field b\n# comment\n\nregex r /x;y/ mask; detect email"))
                .containsExactly("field a", "field b", "regex r /x;y/ mask", "detect email");
    }
}
