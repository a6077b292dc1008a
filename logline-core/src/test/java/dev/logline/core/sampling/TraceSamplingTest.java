package dev.logline.core.sampling;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceSamplingTest {

    @Test
    void w3cIdsUseTheirRightmost56Bits() {
        assertThat(TraceSampling.randomness("4bf92f3577b34da6a3ce929d0e0e4736")).isEqualTo(0xce929d0e0e4736L);
        assertThat(TraceSampling.randomness("4BF92F3577B34DA6A3CE929D0E0E4736")).isEqualTo(0xce929d0e0e4736L);
    }

    @Test
    void otherIdsUseFnv1a64Low56Bits() {
        // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c (published test vector); its low 56 bits:
        assertThat(TraceSampling.randomness("a")).isEqualTo(0xaf63dc4c8601ec8cL & ((1L << 56) - 1));
    }

    @Test
    void thresholdsAreNestedAndBounded() {
        String low = "000000000000000000" + "00000000000001";
        String high = "000000000000000000" + "ffffffffffffff";
        assertThat(TraceSampling.keeps(low, 0.001)).isTrue();
        assertThat(TraceSampling.keeps(high, 0.999)).isFalse();
        assertThat(TraceSampling.keeps(high, 1.0)).isTrue();
        assertThat(TraceSampling.keeps(low, 0.0)).isFalse();
        String mid = "00000000000000000080000000000000";
        assertThat(TraceSampling.keeps(mid, 0.5)).isFalse();
        assertThat(TraceSampling.keeps(mid, 0.51)).isTrue();
    }
}
