package dev.logline.demo.traffic;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioMixTest {

    @Test
    void picksScenariosInTheirShares() {
        SplittableRandom random = new SplittableRandom(1);
        Map<Scenario, Integer> counts = new EnumMap<>(Scenario.class);
        for (int i = 0; i < 20_000; i++) {
            counts.merge(ScenarioMix.DEFAULT.pick(random), 1, Integer::sum);
        }
        assertThat(counts.get(Scenario.OUT_OF_STOCK) / 20_000.0).isBetween(0.09, 0.11);
        assertThat(counts.get(Scenario.PAYMENT_TIMEOUT) / 20_000.0).isBetween(0.04, 0.06);
        assertThat(counts.get(Scenario.PLACED) / 20_000.0).isBetween(0.83, 0.87);
    }

    @Test
    void extremeSharesAreExact() {
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 100; i++) {
            assertThat(new ScenarioMix(0, 0).pick(random)).isEqualTo(Scenario.PLACED);
            assertThat(new ScenarioMix(0, 1).pick(random)).isEqualTo(Scenario.PAYMENT_TIMEOUT);
        }
    }

    @Test
    void sharesMustBeAPartOfTheWhole() {
        assertThatThrownBy(() -> new ScenarioMix(0.7, 0.4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add up to at most 1");
        assertThatThrownBy(() -> new ScenarioMix(-0.1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
