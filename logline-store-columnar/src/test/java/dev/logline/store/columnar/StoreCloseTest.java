package dev.logline.store.columnar;

import dev.logline.core.fuzz.FuzzGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Closing a store at any moment after it opens. */
class StoreCloseTest {

    @TempDir
    Path dir;

    /**
     * Found by DamagedStoreFuzzTest: retention's first pass asks the WAL writer to roll; when close() stopped the writer
     * between the check and the request, the request was waited for in vain and close took 5 s (in about one of 20 here).
     */
    @Test
    void aStoreClosedAsItOpensClosesAtOnceAndLeavesNoWalBytes() {
        for (int i = 0; i < 200; i++) {
            Path data = dir.resolve("store-" + i);
            // Opening and closing an empty store takes milliseconds; the stall was the WAL's 5 s wait for the roll.
            FuzzGuard.run(Duration.ofSeconds(2), 0, () -> ColumnarLogStore.open(ColumnarStoreConfig.defaults(data)).close());
            assertThat(data.resolve("wal").toFile().listFiles()).allSatisfy(f -> assertThat(f.length()).isZero());
        }
        assertThat(Files.exists(dir.resolve("store-199/store.lock"))).isTrue();
    }
}
