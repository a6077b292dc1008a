package dev.logline.cli.ship;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OffsetStoreTest {

    @TempDir
    Path dir;

    @Test
    void savedOffsetsAreLoadedBackAndNoTemporaryFileStays() throws Exception {
        Path state = dir.resolve("state");
        List<SavedOffset> offsets = List.of(
                new SavedOffset(new FileIdentity("dev=1,ino=2"), "/var/log/a.log", 120),
                new SavedOffset(new FileIdentity("dev=1,ino=3"), "/var/log/b.log", 0));
        try (OffsetStore store = OffsetStore.open(state)) {
            assertThat(store.load()).isEmpty();
            store.save(offsets);
            store.save(offsets.subList(0, 1));
        }
        try (OffsetStore store = OffsetStore.open(state)) {
            assertThat(store.load()).containsExactly(offsets.get(0));
        }
        try (var files = Files.list(state)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(OffsetStore.OFFSETS_FILE, OffsetStore.LOCK_FILE);
        }
    }

    @Test
    void aSecondShipperOnTheSameDirectoryIsRefused() throws Exception {
        try (OffsetStore first = OffsetStore.open(dir)) {
            assertThatThrownBy(() -> OffsetStore.open(dir))
                    .isInstanceOf(StateDirectoryInUseException.class)
                    .hasMessageContaining("--state-dir");
        }
        OffsetStore.open(dir).close(); // released with the first
    }

    @Test
    void aCorruptStateFileSaysWhatToDo() throws Exception {
        Files.writeString(dir.resolve(OffsetStore.OFFSETS_FILE), "{\"files\": [");
        try (OffsetStore store = OffsetStore.open(dir)) {
            assertThatThrownBy(store::load).hasMessageContaining("move it away");
        }
    }
}
