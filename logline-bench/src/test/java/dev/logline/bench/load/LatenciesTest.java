package dev.logline.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatenciesTest {

    @Test
    void percentilesUseTheNearestRank() {
        Latencies l = new Latencies(100);
        for (int ms = 100; ms >= 1; ms--) {
            l.add(ms * 1_000_000L);
        }

        assertThat(l.percentileMillis(50)).isEqualTo(50.0);
        assertThat(l.percentileMillis(99)).isEqualTo(99.0);
        assertThat(l.percentileMillis(100)).isEqualTo(100.0);
    }

    @Test
    void aSingleRunIsEveryPercentile() {
        Latencies l = new Latencies(1);
        l.add(2_500_000L);

        assertThat(l.percentileMillis(50)).isEqualTo(2.5);
        assertThat(l.percentileMillis(99)).isEqualTo(2.5);
    }

    @Test
    void noRunsNoPercentile() {
        assertThatThrownBy(() -> new Latencies(3).percentileMillis(50)).isInstanceOf(IllegalStateException.class);
    }
}
