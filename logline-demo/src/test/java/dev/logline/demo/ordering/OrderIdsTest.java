package dev.logline.demo.ordering;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderIdsTest {

    @Test
    void numbersCountUpUnderARunPrefix() {
        OrderIds ids = new OrderIds(1_795_000_000_000L);
        String first = ids.next();
        assertThat(first).matches("ORD-[0-9A-Z]{4}-000001");
        assertThat(ids.next()).isEqualTo(first.substring(0, 9) + "000002");
    }

    @Test
    void runsStartedAtDifferentSecondsDoNotShareNumbers() {
        assertThat(new OrderIds(1_795_000_000_000L).next()).isNotEqualTo(new OrderIds(1_795_000_001_000L).next());
    }
}
