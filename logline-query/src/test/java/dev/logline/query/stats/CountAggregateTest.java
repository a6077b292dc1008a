package dev.logline.query.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CountAggregateTest {

    @Test
    void countWithoutAFieldCountsEveryEvent() {
        assertThat(Accumulate.over(new CountAggregate(null, null), null, "x", null)).isEqualTo(3L);
    }

    @Test
    void countOfAFieldCountsEventsThatHaveIt() {
        assertThat(Accumulate.over(new CountAggregate("user", null), null, "ann", 5L, null)).isEqualTo(2L);
    }

    @Test
    void emptyGroupCountsZero() {
        assertThat(Accumulate.over(new CountAggregate(null, null))).isEqualTo(0L);
    }

    @Test
    void mergesPartialCounts() {
        assertThat(Accumulate.merged(new CountAggregate(null, null), 2, 1, 2, 3, 4, 5)).isEqualTo(5L);
    }

    @Test
    void namesAndText() {
        assertThat(new CountAggregate(null, null).columnName()).isEqualTo("count");
        assertThat(new CountAggregate(null, null).print()).isEqualTo("count()");
        assertThat(new CountAggregate("user", null).columnName()).isEqualTo("count(user)");
        assertThat(new CountAggregate("a b", "n").print()).isEqualTo("count(`a b`) as n");
        assertThat(new CountAggregate("a b", "n").columnName()).isEqualTo("n");
    }
}
