package dev.logline.store.columnar.encoding;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BitPackingTest {

    @Test
    void everyWidthRoundTrips() {
        Random random = new Random(7);
        for (int width = 0; width <= 64; width++) {
            for (int n : new int[] {0, 1, 2, 7, 8, 63, 64, 65, 1000}) {
                long[] values = new long[n];
                for (int i = 0; i < n; i++) {
                    values[i] = width == 64 ? random.nextLong() : width == 0 ? 0 : random.nextLong() & ((1L << width) - 1);
                }
                ByteSink out = new ByteSink();
                out.writeByte(0x5A); // packed data need not start at offset 0
                BitPacking.pack(values, n, width, out);
                assertThat(out.size() - 1).isEqualTo(BitPacking.bytes(n, width));
                long[] back = new long[Math.max(1, n)];
                BitPacking.unpack(out.toByteArray(), 1, n, width, back);
                assertThat(Arrays.copyOf(back, n)).as("width %d, n %d", width, n).containsExactly(values);
            }
        }
    }

    @Test
    void widthIsTheBitLengthOfTheLargestValue() {
        assertThat(BitPacking.width(0)).isZero();
        assertThat(BitPacking.width(1)).isEqualTo(1);
        assertThat(BitPacking.width(255)).isEqualTo(8);
        assertThat(BitPacking.width(256)).isEqualTo(9);
        assertThat(BitPacking.width(-1L)).isEqualTo(64);
    }

    @Test
    void valuesRunningPastTheDataAreRefused() {
        assertThatThrownBy(() -> BitPacking.unpack(new byte[3], 0, 10, 8, new long[10]))
                .isInstanceOf(CorruptDataException.class);
    }
}
