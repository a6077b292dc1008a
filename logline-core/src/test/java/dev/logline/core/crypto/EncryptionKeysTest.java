package dev.logline.core.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EncryptionKeysTest {

    private static final byte[] AAD = "logline.test".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT = "{\"msg\":\"card 4111\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void sealedBytesOpenWithTheSameKeysAndHideTheText() throws Exception {
        EncryptionKeys keys = EncryptionKeys.parse(EncryptionKeys.newEntry("k1"), "test");
        byte[] sealed = keys.seal(TEXT, AAD);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("card").startsWith("LE");
        assertThat(EncryptionKeys.looksSealed(sealed, 0, sealed.length)).isTrue();
        assertThat(EncryptionKeys.looksSealed(TEXT, 0, TEXT.length)).isFalse();
        assertThat(keys.open(sealed, AAD)).isEqualTo(TEXT);
        assertThat(keys.seal(TEXT, AAD)).isNotEqualTo(sealed); // a fresh nonce every time
    }

    @Test
    void rotationSealsWithTheNewKeyAndStillOpensWhatTheOldOneSealed() throws Exception {
        String k1 = EncryptionKeys.newEntry("k1");
        String k2 = EncryptionKeys.newEntry("k2");
        byte[] old = EncryptionKeys.parse(k1, "before").seal(TEXT, AAD);
        EncryptionKeys rotated = EncryptionKeys.parse("# new key first\n" + k2 + "\n" + k1 + "  # retire once drained\n",
                "after");
        assertThat(rotated.active().id()).isEqualTo("k2");
        assertThat(rotated.ids()).containsExactly("k2", "k1");
        assertThat(rotated.open(old, AAD)).isEqualTo(TEXT);
        byte[] fresh = rotated.seal(TEXT, AAD);
        assertThat(EncryptionKeys.parse(k2, "only new").open(fresh, AAD)).isEqualTo(TEXT);
        assertThatThrownBy(() -> EncryptionKeys.parse(k2, "only new").open(old, AAD))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("key 'k1'")
                .hasMessageContaining("not among the loaded keys [k2]");
    }

    @Test
    void changedBytesOrAnotherPurposeDoNotOpen() {
        EncryptionKeys keys = EncryptionKeys.parse(EncryptionKeys.newEntry("k1"), "test");
        byte[] sealed = keys.seal(TEXT, AAD);
        byte[] flipped = sealed.clone();
        flipped[flipped.length - 20] ^= 1;
        assertThatThrownBy(() -> keys.open(flipped, AAD)).isInstanceOf(DecryptionException.class)
                .hasMessageContaining("does not authenticate");
        assertThatThrownBy(() -> keys.open(sealed, "other".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(DecryptionException.class);
        assertThatThrownBy(() -> keys.open(TEXT, AAD)).isInstanceOf(DecryptionException.class)
                .hasMessageContaining("not sealed");
        assertThatThrownBy(() -> keys.open(java.util.Arrays.copyOf(sealed, 10), AAD))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("truncated");
    }

    @Test
    void badKeyTextSaysWhatIsWrong() {
        assertThatThrownBy(() -> EncryptionKeys.parse("", "LOGLINE_SPOOL_KEYS")).hasMessageContaining("holds no key");
        assertThatThrownBy(() -> EncryptionKeys.parse("k1:AAAA", "f")).hasMessageContaining("has 3 bytes");
        assertThatThrownBy(() -> EncryptionKeys.parse("nocolonhere", "f")).hasMessageContaining("is not <id>:")
                .hasMessageNotContaining("nocolonhere");
        assertThatThrownBy(() -> EncryptionKeys.parse("k 1:abc", "f")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EncryptionKeys.parse("k1:%%%", "f")).hasMessageContaining("not valid base64");
        String k = EncryptionKeys.newEntry("k1");
        assertThatThrownBy(() -> EncryptionKeys.parse(k + "," + k, "f")).hasMessageContaining("given twice");
    }

    @Test
    void keysComeFromTheEnvironmentOrAFile(@TempDir Path dir) throws Exception {
        String entry = EncryptionKeys.newEntry("env1");
        EncryptionKeys fromEnv = EncryptionKeys.load("env:KEYS", "spoolKeys", Map.of("KEYS", entry)::get);
        assertThat(fromEnv.active().id()).isEqualTo("env1");
        Path file = dir.resolve("keys");
        Files.writeString(file, entry + "\n");
        assertThat(EncryptionKeys.load("file:" + file, "spoolKeys", n -> null).active().id()).isEqualTo("env1");
        assertThat(EncryptionKeys.load("file:" + file, "spoolKeys", n -> null).toString()).doesNotContain(
                entry.substring(5));
        assertThatThrownBy(() -> EncryptionKeys.load("env:NOPE", "spoolKeys", n -> null))
                .hasMessageContaining("spoolKeys reads the environment variable NOPE, which is not set");
        assertThatThrownBy(() -> EncryptionKeys.load("file:" + dir.resolve("missing"), "spoolKeys", n -> null))
                .hasMessageContaining("cannot be read");
    }
}
