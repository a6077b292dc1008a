package dev.logline.query.stats;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CountUniqAggregateTest {

    private final CountUniqAggregate uniq = new CountUniqAggregate("user", null);

    @Test
    void countsDistinctValues() {
        assertThat(Accumulate.over(uniq, "ann", "bob", "ann", null, "cy")).isEqualTo(3L);
    }

    @Test
    void typesAreDistinctButWholeDoublesEqualLongs() {
        assertThat(Accumulate.over(uniq, 5L, "5", 5.0, 5.5)).isEqualTo(3L);
    }

    @Test
    void listElementsCountEach() {
        assertThat(Accumulate.over(uniq, List.of("a", "b"), List.of("b", "c"))).isEqualTo(3L);
    }

    @Test
    void mergesByUnion() {
        assertThat(Accumulate.merged(uniq, 2, "a", "b", "b", "c")).isEqualTo(3L);
    }

    @Test
    void pastTheExactLimitASketchEstimatesWithinTwoPercent() {
        CountUniqAggregate.Distinct d = new CountUniqAggregate.Distinct(1_000);
        for (int i = 0; i < 50_000; i++) {
            d.add("user-" + i);
            d.add("user-" + (i / 2)); // repeats do not count twice
        }
        assertThat((Long) d.result()).isBetween(49_000L, 51_000L);
    }

    @Test
    void mergingExactIntoSketch() {
        CountUniqAggregate.Distinct big = new CountUniqAggregate.Distinct(100);
        CountUniqAggregate.Distinct small = new CountUniqAggregate.Distinct(100);
        for (int i = 0; i < 5_000; i++) {
            big.add("k" + i);
        }
        for (int i = 4_000; i < 6_000; i++) {
            small.add("k" + i);
        }
        small.merge(big);
        assertThat((Long) small.result()).isBetween(5_850L, 6_150L);
    }

    @Test
    void text() {
        assertThat(uniq.print()).isEqualTo("count_uniq(user)");
        assertThat(uniq.columnName()).isEqualTo("count_uniq(user)");
    }
}
