package dev.logline.server.alerts;

import dev.logline.server.documents.InvalidDocumentException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertConditionTest {

    @Test
    void readsAnAggregateAComparisonAndANumber() {
        record Case(String text, String printed, double value, boolean breached) {
        }
        for (Case c : new Case[] {
                new Case("count() > 20", "count() > 20", 21, true),
                new Case("count()>20", "count() > 20", 20, false),
                new Case("p95(latency_ms) >= 800", "p95(latency_ms) >= 800", 800, true),
                new Case("count() == 0", "count() == 0", 0, true),
                new Case("count() = 0", "count() == 0", 1, false),
                new Case("avg(latency_ms) < 0.5", "avg(latency_ms) < 0.5", 0.25, true),
                new Case("max(http.status) != 200", "max(http.status) != 200", 200, false),
        }) {
            AlertCondition parsed = AlertCondition.parse(c.text);
            assertThat(parsed.print()).as(c.text).isEqualTo(c.printed);
            assertThat(parsed.breached(c.value)).as(c.text + " at " + c.value).isEqualTo(c.breached);
            assertThat(parsed.breached(null)).isFalse();
        }
        assertThat(AlertCondition.parse("count() == 0").zeroWhenEmpty()).isTrue();
        assertThat(AlertCondition.parse("avg(x) > 1").zeroWhenEmpty()).isFalse();
    }

    @Test
    void saysWhatIsWrongAndWhere() {
        assertThatThrownBy(() -> AlertCondition.parse("count()")).isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("is not <aggregate> <comparison> <number>");
        assertThatThrownBy(() -> AlertCondition.parse("count() > many")).hasMessageContaining("'many' is not a number")
                .satisfies(e -> assertThat(((InvalidDocumentException) e).column()).isEqualTo(11));
        assertThatThrownBy(() -> AlertCondition.parse("cnt() > 1"))
                .satisfies(e -> assertThat(((InvalidDocumentException) e).column()).isEqualTo(1));
        assertThatThrownBy(() -> AlertCondition.parse("count(), avg(x) > 1")).hasMessageContaining("exactly one aggregate");
        assertThatThrownBy(() -> AlertCondition.parse(" ")).hasMessageContaining("is missing");
    }
}
