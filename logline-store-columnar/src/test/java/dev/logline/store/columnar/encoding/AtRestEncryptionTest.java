package dev.logline.store.columnar.encoding;

import dev.logline.core.crypto.EncryptionKeys;
import dev.logline.store.columnar.encoding.AtRestEncryption.Purpose;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sealing, opening and resealing of stored bytes; a missing key and changed bytes fail differently. */
class AtRestEncryptionTest {

    private static final String K1 = EncryptionKeys.newEntry("k1");
    private static final String K2 = EncryptionKeys.newEntry("k2");
    private final byte[] plain = "\u0001some stored chunk".getBytes(StandardCharsets.UTF_8);

    private static AtRestEncryption keys(String text) {
        return AtRestEncryption.of(EncryptionKeys.parse(text, "test"));
    }

    @Test
    void sealedBytesOpenOnlyAsTheKindTheyWereSealedAs() {
        AtRestEncryption k1 = keys(K1);
        byte[] sealed = k1.seal(plain, Purpose.CHUNK);
        assertThat(AtRestEncryption.isSealed(sealed, 0, sealed.length)).isTrue();
        assertThat(k1.open(sealed, 0, sealed.length, Purpose.CHUNK, "chunk")).isEqualTo(plain);
        assertThatThrownBy(() -> k1.open(sealed, 0, sealed.length, Purpose.INDEX, "index"))
                .isInstanceOf(CorruptDataException.class);
        // Plain stored bytes pass through, whatever the keys.
        assertThat(AtRestEncryption.NONE.open(plain, 0, plain.length, Purpose.CHUNK, "chunk")).isEqualTo(plain);
        assertThat(AtRestEncryption.NONE.seal(plain, Purpose.CHUNK)).isSameAs(plain);
    }

    @Test
    void aChangedByteIsDamageAndAMissingKeyIsConfiguration() {
        byte[] sealed = keys(K1).seal(plain, Purpose.WAL);
        byte[] changed = sealed.clone();
        changed[changed.length - 3] ^= 1;
        assertThatThrownBy(() -> keys(K1).open(changed, 0, changed.length, Purpose.WAL, "frame"))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("frame");
        assertThatThrownBy(() -> keys(K2).open(sealed, 0, sealed.length, Purpose.WAL, "frame"))
                .isInstanceOf(StoreKeyException.class).hasMessageContaining("'k1'")
                .satisfies(e -> assertThat(((StoreKeyException) e).keyId()).isEqualTo("k1"));
        assertThatThrownBy(() -> AtRestEncryption.NONE.open(sealed, 0, sealed.length, Purpose.WAL, "frame"))
                .isInstanceOf(StoreKeyException.class).hasMessageContaining("no encryption keys");
    }

    @Test
    void resealMovesBytesToTheActiveKeyAndKeepsCurrentOnesAsTheyAre() {
        AtRestEncryption rotated = keys(K2 + "," + K1);
        byte[] underK1 = keys(K1).seal(plain, Purpose.CHUNK);
        byte[] moved = rotated.reseal(underK1, 0, underK1.length, Purpose.CHUNK, "chunk");
        assertThat(EncryptionKeys.keyIdOf(moved, 0, moved.length)).isEqualTo("k2");
        assertThat(rotated.open(moved, 0, moved.length, Purpose.CHUNK, "chunk")).isEqualTo(plain);
        assertThat(rotated.reseal(moved, 0, moved.length, Purpose.CHUNK, "chunk")).isEqualTo(moved);
        byte[] sealedPlain = rotated.reseal(plain, 0, plain.length, Purpose.CHUNK, "chunk");
        assertThat(EncryptionKeys.keyIdOf(sealedPlain, 0, sealedPlain.length)).isEqualTo("k2");
        assertThat(AtRestEncryption.NONE.reseal(plain, 0, plain.length, Purpose.CHUNK, "chunk")).isEqualTo(plain);
        assertThat(rotated.canOpen("k1")).isTrue();
        assertThat(rotated.canOpen("k3")).isFalse();
        assertThat(AtRestEncryption.NONE.canOpen("")).isTrue();
    }
}
