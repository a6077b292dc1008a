package dev.logline.store.columnar;

import dev.logline.store.StoreFullException;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Watches the free space of the disk holding the data folder, so writes are refused with a clear error before a full
 * disk could fail a WAL write or a part. Reads the file system at most every half second.
 */
final class DiskSpace {

    private static final long RECHECK_NANOS = 500_000_000L;

    private final Path dir;
    private final long minFree;
    private volatile long checkedAt = System.nanoTime() - RECHECK_NANOS;
    private volatile long free = Long.MAX_VALUE;

    DiskSpace(Path dir, long minFree) {
        this.dir = dir;
        this.minFree = minFree;
    }

    /** The refusal to give while free space is under the minimum, else null. */
    StoreFullException check() {
        if (minFree <= 0) {
            return null;
        }
        long now = System.nanoTime();
        if (now - checkedAt >= RECHECK_NANOS) {
            checkedAt = now;
            try {
                FileStore store = Files.getFileStore(dir);
                free = store.getUsableSpace();
            } catch (IOException e) {
                // Cannot tell: do not refuse on a guess; the write itself will report a real failure.
                free = Long.MAX_VALUE;
            }
        }
        long f = free;
        if (f >= minFree) {
            return null;
        }
        return new StoreFullException("the disk holding " + dir + " has " + (f >> 20) + " MiB free, under the "
                + "minimum of " + (minFree >> 20) + " MiB; nothing stored is lost, but new events are refused until "
                + "space is freed (or minFreeDiskBytes lowered)", Duration.ofSeconds(30));
    }
}
