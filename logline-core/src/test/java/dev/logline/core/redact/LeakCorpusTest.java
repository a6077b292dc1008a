package dev.logline.core.redact;

import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine alone over the leak corpus; the encoder, ship and the server's collectors run it end to end. */
class LeakCorpusTest {

    private final LeakCorpus corpus = LeakCorpus.load();
    private final Redactor redactor = Redactor.of(corpus.policy());

    @Test
    void noSecretSurvivesAndEveryOrdinaryValueDoes() {
        StringBuilder all = new StringBuilder();
        for (LeakCorpus.Case c : corpus.cases()) {
            LogEvent e = c.event(Instant.now());
            String json = LogEventJson.toJson(redactor.event(e));
            for (String secret : c.secrets()) {
                assertThat(json).as(c.name()).doesNotContain(secret);
            }
            all.append(json);
        }
        String ordinary = LogEventJson.toJson(redactor.event(corpus.ordinaryCase().event(Instant.now())));
        for (String id : corpus.ordinary()) {
            assertThat(ordinary).contains(id);
            assertThat(ordinary.split(java.util.regex.Pattern.quote(id), -1)).hasSize(3); // message and attribute
        }
        assertThat(all.toString()).contains("[REDACTED").contains("ORD-2026-000123");
    }

    @Test
    void rawJsonLinesAsShipSendsThemAreRedactedToo() {
        for (LeakCorpus.Case c : corpus.cases()) {
            String line = redactor.jsonLine(LogEventJson.toJson(c.event(Instant.now())));
            for (String secret : c.secrets()) {
                assertThat(line).as(c.name()).doesNotContain(secret);
            }
        }
    }
}
