package dev.logline.query.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SumAggregateTest {

    private final SumAggregate sum = new SumAggregate("bytes", null);

    @Test
    void wholeNumbersSumToALong() {
        assertThat(Accumulate.over(sum, 1L, 2L, 39L)).isEqualTo(42L);
    }

    @Test
    void anyFractionMakesADouble() {
        assertThat(Accumulate.over(sum, 1L, 2.5, 3L)).isEqualTo(6.5);
    }

    @Test
    void numericStringsCountAndOtherValuesAreSkipped() {
        assertThat(Accumulate.over(sum, "10", 5L, "abc", true, null)).isEqualTo(15L);
    }

    @Test
    void overflowFallsBackToDouble() {
        assertThat(Accumulate.over(sum, Long.MAX_VALUE, 1L)).isEqualTo((double) Long.MAX_VALUE + 1);
    }

    @Test
    void nothingNumericIsNull() {
        assertThat(Accumulate.over(sum, "x", null)).isNull();
    }

    @Test
    void merges() {
        assertThat(Accumulate.merged(sum, 1, 1L, 2L, 3L)).isEqualTo(6L);
        assertThat(Accumulate.merged(sum, 1, 1.5, 2L, 3L)).isEqualTo(6.5);
        assertThat(Accumulate.merged(sum, 3, 1L, 2L, 3L)).isEqualTo(6L);
    }

    @Test
    void text() {
        assertThat(sum.print()).isEqualTo("sum(bytes)");
        assertThat(sum.columnName()).isEqualTo("sum(bytes)");
    }
}
