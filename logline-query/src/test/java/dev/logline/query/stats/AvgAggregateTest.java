package dev.logline.query.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AvgAggregateTest {

    private final AvgAggregate avg = new AvgAggregate("latency_ms", "mean");

    @Test
    void meanOfNumericValues() {
        assertThat(Accumulate.over(avg, 1L, 2L, 4.5, "0.5", "n/a", null)).isEqualTo(2.0);
    }

    @Test
    void nullWhenNothingToAverage() {
        assertThat(Accumulate.over(avg)).isNull();
    }

    @Test
    void mergeWeighsByCount() {
        assertThat(Accumulate.merged(avg, 1, 10L, 1L, 1L, 1L)).isEqualTo(3.25);
    }

    @Test
    void text() {
        assertThat(avg.print()).isEqualTo("avg(latency_ms) as mean");
        assertThat(avg.columnName()).isEqualTo("mean");
    }
}
