package dev.logline.core.sampling;

import dev.logline.core.Level;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamplingRuleTest {

    @Test
    void parsesEveryPart() {
        SamplingRule rule = SamplingRule.parse("logger=shop.db; levels=DEBUG,INFO; rate=10%; limit=120/m; by=message");
        assertThat(rule.loggerPrefix()).isEqualTo("shop.db");
        assertThat(rule.levels()).isEqualTo(EnumSet.of(Level.DEBUG, Level.INFO));
        assertThat(rule.rate()).isEqualTo(0.1);
        assertThat(rule.limitPerSecond()).isEqualTo(2.0);
        assertThat(rule.burst()).isEqualTo(120.0);
        assertThat(rule.limitBy()).isEqualTo("message");
    }

    @Test
    void defaultsLeaveWarnAndAboveAlone() {
        SamplingRule rule = SamplingRule.parse("rate=0");
        assertThat(rule.covers(Level.INFO, "any.Logger")).isTrue();
        assertThat(rule.covers(Level.WARN, "any.Logger")).isFalse();
        assertThat(rule.covers(Level.ERROR, "any.Logger")).isFalse();
        assertThat(SamplingRule.parse("levels=WARN; rate=0").covers(Level.WARN, "x")).isTrue();
    }

    @Test
    void loggerPrefixRespectsDotBoundaries() {
        SamplingRule rule = SamplingRule.rate("shop.db", 0.5);
        assertThat(rule.covers(Level.INFO, "shop.db")).isTrue();
        assertThat(rule.covers(Level.INFO, "shop.db.Pool")).isTrue();
        assertThat(rule.covers(Level.INFO, "shop.dbx.Pool")).isFalse();
        assertThat(rule.covers(Level.INFO, "shop")).isFalse();
    }

    @Test
    void errorsNameTheWrongPart() {
        assertThatThrownBy(() -> SamplingRule.parse("rate=lots")).hasMessageContaining("rate 'lots'");
        assertThatThrownBy(() -> SamplingRule.parse("speed=1")).hasMessageContaining("unknown sampling rule part 'speed'");
        assertThatThrownBy(() -> SamplingRule.parse("limit=5")).hasMessageContaining("100/s");
        assertThatThrownBy(() -> SamplingRule.parse("levels=LOUD")).hasMessageContaining("unknown level 'LOUD'");
        assertThatThrownBy(() -> SamplingRule.parse("rate=2")).hasMessageContaining("between 0 and 1");
    }
}
