package dev.logline.query.stats;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PercentileAggregateTest {

    private static Object[] oneTo(int n) {
        return LongStream.rangeClosed(1, n).boxed().toArray();
    }

    @Test
    void nearestRankOverExactValues() {
        assertThat(Accumulate.over(new PercentileAggregate("x", 50, null), oneTo(100))).isEqualTo(50.0);
        assertThat(Accumulate.over(new PercentileAggregate("x", 90, null), oneTo(100))).isEqualTo(90.0);
        assertThat(Accumulate.over(new PercentileAggregate("x", 95, null), oneTo(100))).isEqualTo(95.0);
        assertThat(Accumulate.over(new PercentileAggregate("x", 99, null), oneTo(100))).isEqualTo(99.0);
        assertThat(Accumulate.over(new PercentileAggregate("x", 50, null), 7L, 1L, 3L)).isEqualTo(3.0);
        assertThat(Accumulate.over(new PercentileAggregate("x", 99, null), 7L, 1L, 3L)).isEqualTo(7.0);
        assertThat(Accumulate.over(new PercentileAggregate("x", 50, null), 42.5)).isEqualTo(42.5);
    }

    @Test
    void nullWithoutValues() {
        assertThat(Accumulate.over(new PercentileAggregate("x", 95, null), "x", null)).isNull();
    }

    @Test
    void mergesExactly() {
        assertThat(Accumulate.merged(new PercentileAggregate("x", 90, null), 30, oneTo(100))).isEqualTo(90.0);
    }

    @Test
    void pastTheExactLimitTheSketchIsWithinItsRelativeAccuracy() {
        PercentileAggregate.Quantiles q = new PercentileAggregate.Quantiles(90, 1_000);
        for (long i = 1; i <= 100_000; i++) {
            q.add(i);
        }
        assertThat((Double) q.result()).isCloseTo(90_000.0, org.assertj.core.api.Assertions.within(
                90_000 * PercentileAggregate.RELATIVE_ACCURACY * 2));
    }

    @Test
    void mergedSketchesGiveTheSameAnswerInAnyOrder() {
        PercentileAggregate.Quantiles a = new PercentileAggregate.Quantiles(50, 1_000);
        PercentileAggregate.Quantiles b = new PercentileAggregate.Quantiles(50, 1_000);
        PercentileAggregate.Quantiles whole = new PercentileAggregate.Quantiles(50, 1_000);
        for (long i = 1; i <= 30_000; i++) {
            a.add(i);
            whole.add(i);
        }
        for (long i = 30_001; i <= 40_000; i++) {
            b.add(i);
            whole.add(i);
        }
        PercentileAggregate.Quantiles ab = new PercentileAggregate.Quantiles(50, 1_000);
        ab.merge(a);
        ab.merge(b);
        PercentileAggregate.Quantiles ba = new PercentileAggregate.Quantiles(50, 1_000);
        ba.merge(b);
        ba.merge(a);
        assertThat(ab.result()).isEqualTo(ba.result()).isEqualTo(whole.result());
        assertThat((Double) ab.result()).isCloseTo(20_000.0, org.assertj.core.api.Assertions.within(200.0));
    }

    @Test
    void textAndRange() {
        assertThat(new PercentileAggregate("latency_ms", 95, null).print()).isEqualTo("p95(latency_ms)");
        assertThat(new PercentileAggregate("latency_ms", 95, "p").columnName()).isEqualTo("p");
        assertThatThrownBy(() -> new PercentileAggregate("x", 100, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
