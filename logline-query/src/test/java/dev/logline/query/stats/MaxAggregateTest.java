package dev.logline.query.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaxAggregateTest {

    private final MaxAggregate max = new MaxAggregate("x", null);

    @Test
    void largestValueKeepsItsType() {
        assertThat(Accumulate.over(max, 5L, -3L, 7.5)).isEqualTo(7.5);
        assertThat(Accumulate.over(max, 5L, "12", 7.5)).isEqualTo(12L);
    }

    @Test
    void largeLongsCompareExactly() {
        assertThat(Accumulate.over(max, 9_007_199_254_740_993L, 9_007_199_254_740_992L)).isEqualTo(9_007_199_254_740_993L);
    }

    @Test
    void nullWithoutNumbers() {
        assertThat(Accumulate.over(max)).isNull();
    }

    @Test
    void merges() {
        assertThat(Accumulate.merged(max, 1, 5L, 4L, 1L, 9L)).isEqualTo(9L);
        assertThat(Accumulate.merged(max, 0, 5L)).isEqualTo(5L);
    }

    @Test
    void text() {
        assertThat(max.print()).isEqualTo("max(x)");
    }
}
