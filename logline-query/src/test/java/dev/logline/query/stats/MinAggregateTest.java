package dev.logline.query.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MinAggregateTest {

    private final MinAggregate min = new MinAggregate("x", null);

    @Test
    void smallestValueKeepsItsType() {
        assertThat(Accumulate.over(min, 5L, -3L, 7.5)).isEqualTo(-3L);
        assertThat(Accumulate.over(min, 5L, -3.5, 7L)).isEqualTo(-3.5);
    }

    @Test
    void nullWithoutNumbers() {
        assertThat(Accumulate.over(min, "a", null)).isNull();
    }

    @Test
    void merges() {
        assertThat(Accumulate.merged(min, 2, 5L, 4L, 1L, 9L)).isEqualTo(1L);
        assertThat(Accumulate.merged(min, 4, 5L, 4L, 1L, 9L)).isEqualTo(1L);
    }

    @Test
    void text() {
        assertThat(min.print()).isEqualTo("min(x)");
    }
}
