package dev.logline.store.columnar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A data folder of the earlier Lucene store is refused with what to do, and left as it was. */
class LegacyDataTest {

    @TempDir
    Path dir;

    @Test
    void aLuceneIndexInADayFolderIsRefusedWithTheWayOut() throws Exception {
        Path day = Files.createDirectories(dir.resolve("tenants/default/2026-12-01"));
        Files.write(day.resolve("segments_3"), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> ColumnarLogStore.open(ColumnarStoreConfig.defaults(dir)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("written by Logline's earlier Lucene store")
                .hasMessageContaining("logline query")
                .hasMessageContaining("logline ship");
        assertThat(day.resolve("segments_3")).exists();
        assertThat(dir.resolve("wal")).doesNotExist();
    }

    @Test
    void aWriteAheadLogOfJsonFramesIsRefused() throws Exception {
        Path wal = Files.createDirectories(dir.resolve("wal"));
        Files.write(wal.resolve("00000000000000000001.wal"), new byte[] {'L', 'L', 'W', '1', 0, 0, 0, 14});

        assertThatThrownBy(() -> ColumnarLogStore.open(ColumnarStoreConfig.defaults(dir)))
                .hasMessageContaining("earlier Lucene store");
    }
}
