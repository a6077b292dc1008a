package dev.logline.server.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class KeyFileTest {

    @TempDir
    Path dir;

    @Test
    void keysRoundTripThroughTheFile() {
        KeyFile file = KeyFile.in(dir);
        assertThat(file.read()).isEmpty();
        IssuedKey a = file.create(Role.INGEST, "shop", "checkout shippers");
        IssuedKey b = file.create(Role.READ, "billing", null);

        List<StoredKey> keys = KeyFile.in(dir).read();
        assertThat(keys).extracting(StoredKey::id).containsExactly(a.key().id(), b.key().id());
        StoredKey first = keys.get(0);
        assertThat(first.name()).isEqualTo("checkout shippers");
        assertThat(first.role()).isEqualTo(Role.INGEST);
        assertThat(first.tenant()).isEqualTo("shop");
        assertThat(first.created()).isEqualTo(a.key().created());
        assertThat(first.revoked()).isFalse();
        assertThat(keys.get(1).name()).isEmpty();
        assertThat(first.matches(a.token().secret())).isTrue();
        assertThat(first.matches(b.token().secret())).isFalse();
    }

    @Test
    void theFileHoldsOnlyAHashOfEachSecret() throws IOException {
        IssuedKey issued = KeyFile.in(dir).create(Role.ADMIN, "default", "ops");
        String text = Files.readString(dir.resolve(KeyFile.FILE_NAME), StandardCharsets.UTF_8);

        assertThat(issued.token().text()).startsWith("ll_" + issued.key().id() + "_");
        assertThat(text).doesNotContain(issued.token().secret()).doesNotContain(issued.token().text());
        assertThat(text).contains(StoredKey.hash(issued.token().secret())).contains(issued.key().id());
        assertThat(issued.token().toString()).doesNotContain(issued.token().secret());
    }

    @Test
    void writesLeaveOneOwnerOnlyFileAndNoTemporaries() throws IOException {
        KeyFile file = KeyFile.in(dir);
        for (int i = 0; i < 3; i++) {
            file.create(Role.READ, "t" + i, null);
        }
        file.revoke(file.read().get(0).id());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(KeyFile.FILE_NAME, KeyFile.FILE_NAME + ".lock");
        }
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
    }

    @Test
    void concurrentCreatesLoseNoKey() throws Exception {
        KeyFile file = KeyFile.in(dir);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<IssuedKey>> made = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                made.add(pool.submit(() -> file.create(Role.INGEST, "default", null)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<IssuedKey> f : made) {
                ids.add(f.get().key().id());
            }
            assertThat(file.read()).extracting(StoredKey::id).containsExactlyInAnyOrderElementsOf(ids);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void revokeMarksTheKeyAndKeepsIt() {
        KeyFile file = KeyFile.in(dir);
        IssuedKey k = file.create(Role.READ, "default", null);
        StoredKey revoked = file.revoke(k.key().id());
        assertThat(revoked.revoked()).isTrue();
        assertThat(file.read()).singleElement().satisfies(s -> {
            assertThat(s.revoked()).isTrue();
            assertThat(s.revokedAt()).isEqualTo(revoked.revokedAt());
        });
        // A second revoke changes nothing, not even the time.
        assertThat(file.revoke(k.key().id()).revokedAt()).isEqualTo(revoked.revokedAt());
    }

    @Test
    void mistakesAreReportedWithWhatToDo() throws IOException {
        KeyFile file = KeyFile.in(dir);
        assertThatThrownBy(() -> file.revoke("0123456789ab"))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("0123456789ab")
                .hasMessageContaining("logline keys list");
        assertThatThrownBy(() -> file.create(Role.READ, "../etc", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid tenant '../etc'");

        Files.writeString(file.path(), "{\"version\":1,\"keys\":[{\"id\":\"0123456789ab\",\"role\":\"root\","
                + "\"tenant\":\"t\",\"created\":\"2026-11-22T10:00:00Z\",\"sha256\":\"" + "0".repeat(64) + "\"}]}");
        assertThatThrownBy(file::read).isInstanceOf(KeyFileException.class)
                .hasMessageContaining(file.path().toString()).hasMessageContaining("key #1")
                .hasMessageContaining("unknown role 'root'");
        Files.writeString(file.path(), "not json");
        assertThatThrownBy(file::read).isInstanceOf(KeyFileException.class).hasMessageContaining("is not valid");
    }
}
