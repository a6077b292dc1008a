package dev.logline.store.columnar;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** What the store has had to step over and what its background work did, for logs and {@code /metrics}. */
public final class StoreHealth {

    private final AtomicLong corruptParts = new AtomicLong();
    private final AtomicLong flushFailures = new AtomicLong();
    private final AtomicLong merges = new AtomicLong();
    private final AtomicLong mergedRows = new AtomicLong();
    private final AtomicLong mergedBytes = new AtomicLong();
    private final AtomicLong blocksCopied = new AtomicLong();
    private final AtomicLong blocksRewritten = new AtomicLong();
    private final List<Path> corrupt = new ArrayList<>();

    void corruptPart(Path part) {
        corruptParts.incrementAndGet();
        synchronized (corrupt) {
            if (corrupt.size() < 100) {
                corrupt.add(part);
            }
        }
    }

    void flushFailed() {
        flushFailures.incrementAndGet();
    }

    void merged(long rows, long bytes, long copied, long rewritten) {
        merges.incrementAndGet();
        mergedRows.addAndGet(rows);
        mergedBytes.addAndGet(bytes);
        blocksCopied.addAndGet(copied);
        blocksRewritten.addAndGet(rewritten);
    }

    /** Input blocks merges copied as they were (no row reordered, nothing re-encoded). */
    public long blocksCopied() {
        return blocksCopied.get();
    }

    /** Input blocks merges decoded and merged row by row. */
    public long blocksRewritten() {
        return blocksRewritten.get();
    }

    /** Parts found damaged and set aside since the store opened. */
    public long corruptParts() {
        return corruptParts.get();
    }

    /** The damaged parts' paths (the first hundred). */
    public List<Path> corruptPartPaths() {
        synchronized (corrupt) {
            return List.copyOf(corrupt);
        }
    }

    /** Flushes that failed (their events stayed in memory and in the WAL). */
    public long flushFailures() {
        return flushFailures.get();
    }

    public long merges() {
        return merges.get();
    }

    public long mergedRows() {
        return mergedRows.get();
    }

    public long mergedBytes() {
        return mergedBytes.get();
    }
}
