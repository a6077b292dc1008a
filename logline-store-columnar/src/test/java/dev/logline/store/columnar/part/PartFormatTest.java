package dev.logline.store.columnar.part;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A part index of another format version is not damage: it is refused as {@link PartFormatException}, which the
 * partition lets through (the store does not open) instead of quarantining the file as it does a corrupt part.
 */
class PartFormatTest {

    @Test
    void aNewerFormatIsRefusedSayingWhichVersionToRun() {
        byte[] index = {(byte) (PartIndex.FORMAT_VERSION + 1), 0, 0};
        assertThatThrownBy(() -> PartIndex.read(index, 1 << 20))
                .isInstanceOf(PartFormatException.class)
                .hasMessageContaining("format " + (PartIndex.FORMAT_VERSION + 1))
                .hasMessageContaining("newer Logline");
    }

    @Test
    void anOlderFormatIsRefusedPointingAtTheExport() {
        PartFormatException e = new PartFormatException(Path.of("d/0000000000000001.part"), 1);
        assertThat(e).hasMessageContaining("part d/0000000000000001.part is in format 1")
                .hasMessageContaining("older Logline").hasMessageContaining("export");
        assertThat(e).isNotInstanceOf(CorruptPartException.class);
        assertThat(e.version()).isEqualTo(1);
    }
}
