package dev.logline.server.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyRingTest {

    @TempDir
    Path dir;

    final AtomicLong clock = new AtomicLong();

    void pass(long nanos) {
        clock.addAndGet(nanos);
    }

    @Test
    void seesKeysMadeAndRevokedAfterTheRecheckInterval() {
        KeyFile file = KeyFile.in(dir);
        KeyRing ring = KeyRing.watching(file, clock::get);
        assertThat(ring.hasKeys()).isFalse();

        IssuedKey k = file.create(Role.READ, "default", null);
        // Not looked at again before the interval: a request costs no file access.
        assertThat(ring.find(k.token())).isNull();
        pass(KeyRing.RECHECK.toNanos());
        assertThat(ring.find(k.token())).isNotNull().extracting(StoredKey::revoked).isEqualTo(false);
        assertThat(ring.hasKeys()).isTrue();
        assertThat(ring.activeKeys()).isEqualTo(1);

        file.revoke(k.key().id());
        pass(KeyRing.RECHECK.toNanos());
        assertThat(ring.find(k.token()).revoked()).isTrue();
        // Revoked keys still count as keys: revoking the last one must not open the server.
        assertThat(ring.hasKeys()).isTrue();
        assertThat(ring.activeKeys()).isZero();
    }

    @Test
    void aWrongSecretOrUnknownIdFindsNothing() {
        KeyFile file = KeyFile.in(dir);
        IssuedKey k = file.create(Role.READ, "default", null);
        KeyRing ring = KeyRing.watching(file, clock::get);
        assertThat(ring.find(new ApiKeyToken(k.key().id(), ApiKeyToken.generate().secret()))).isNull();
        assertThat(ring.find(new ApiKeyToken("0123456789ab", k.token().secret()))).isNull();
        assertThat(ring.find(k.token())).isNotNull();
    }

    @Test
    void aFileBrokenWhileRunningKeepsTheLastGoodKeys() throws IOException {
        KeyFile file = KeyFile.in(dir);
        IssuedKey k = file.create(Role.READ, "default", null);
        KeyRing ring = KeyRing.watching(file, clock::get);
        Files.writeString(file.path(), "{ half written by hand");
        pass(KeyRing.RECHECK.toNanos());
        assertThat(ring.find(k.token())).isNotNull();
    }

    @Test
    void aBrokenFileAtStartIsAnError() throws IOException {
        Files.writeString(dir.resolve(KeyFile.FILE_NAME), "[]");
        assertThatThrownBy(() -> KeyRing.watching(KeyFile.in(dir))).isInstanceOf(KeyFileException.class)
                .hasMessageContaining(KeyFile.FILE_NAME);
    }
}
