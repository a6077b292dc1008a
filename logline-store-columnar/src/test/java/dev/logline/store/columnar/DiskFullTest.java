package dev.logline.store.columnar;

import dev.logline.core.LogEvent;
import dev.logline.query.LqlParser;
import dev.logline.store.SearchRequest;
import dev.logline.store.StoreFullException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A disk with less free space than the store keeps in reserve refuses new writes with a clear error, before anything is
 * written, and keeps serving what it holds. (The reserve is set above the disk's real free space to get there.)
 */
class DiskFullTest {

    @TempDir
    Path dir;

    @Test
    void belowTheFreeSpaceReserveWritesAreRefusedAndNothingStoredIsLost() throws Exception {
        long now = LogEvent.toMicros(Instant.now());
        try (ColumnarLogStore store = ColumnarLogStore.open(ColumnarStoreConfig.defaults(dir))) {
            store.write("t", List.of(LogEvent.builder().tsMicros(now - 10).msg("kept").build())).join();
            store.refreshNow();
        }
        ColumnarStoreConfig full = ColumnarStoreConfig.defaults(dir).toBuilder()
                .minFreeDiskBytes(Long.MAX_VALUE / 2).build();
        try (ColumnarLogStore store = ColumnarLogStore.open(full)) {
            assertThat(store.backpressure()).isInstanceOf(StoreFullException.class);
            assertThatThrownBy(() -> store.write("t", List.of(LogEvent.builder().tsMicros(now).msg("refused").build()))
                    .join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(StoreFullException.class)
                    .hasMessageContaining("MiB free").hasMessageContaining("nothing stored is lost");
            var found = store.search(new SearchRequest("t", LqlParser.parse("*"), now - 60_000_000, now + 60_000_000,
                    10, null, Duration.ofSeconds(10))).events();
            assertThat(found).extracting(e -> e.event().msg()).containsExactly("kept");
        }
    }
}
