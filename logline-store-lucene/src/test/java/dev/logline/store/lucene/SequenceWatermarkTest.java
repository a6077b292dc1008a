package dev.logline.store.lucene;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceWatermarkTest {

    @Test
    void advancesOnlyOverAnUnbrokenRunOfCompletedFrames() {
        SequenceWatermark w = new SequenceWatermark(10);

        w.complete(12);
        w.complete(13);
        assertThat(w.get()).as("frame 11 still indexing").isEqualTo(10);

        w.complete(11);
        assertThat(w.get()).isEqualTo(13);

        w.complete(9);
        w.complete(15);
        assertThat(w.get()).isEqualTo(13);
        w.complete(14);
        assertThat(w.get()).isEqualTo(15);
    }
}
