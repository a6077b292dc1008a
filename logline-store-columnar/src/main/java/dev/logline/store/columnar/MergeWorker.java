package dev.logline.store.columnar;

import dev.logline.store.columnar.part.PartAccess;
import dev.logline.store.columnar.part.CorruptPartException;
import dev.logline.store.columnar.part.Part;
import dev.logline.store.columnar.partition.DayPartition;
import dev.logline.store.columnar.partition.MergePolicy;
import dev.logline.store.columnar.partition.PartMerger;
import dev.logline.store.columnar.partition.PartitionKey;
import dev.logline.store.columnar.partition.PartitionTable;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * A background thread that merges the parts of open partitions as {@link MergePolicy} picks them, one merge at a
 * time; a partition that has not been written to for {@link #IDLE_NANOS} is merged down to as few parts as the
 * limits allow. Ingest never waits for it: a slow merge only leaves more, smaller parts to read for a while.
 */
final class MergeWorker {

    private static final System.Logger LOG = System.getLogger(MergeWorker.class.getName());
    /** A partition not written to for this long gets its final merge. */
    static final long IDLE_NANOS = 30_000_000_000L;
    private static final long PAUSE_MILLIS = 500;

    private final ColumnarStoreConfig config;
    private final PartitionTable partitions;
    private final PartAccess access;
    private final StoreHealth health;
    private final Consumer<CorruptPartException> onCorrupt;
    private final Thread thread;
    private volatile boolean stopped;

    MergeWorker(ColumnarStoreConfig config, PartitionTable partitions, PartAccess access, StoreHealth health,
                Consumer<CorruptPartException> onCorrupt, String name) {
        this.config = config;
        this.partitions = partitions;
        this.access = access;
        this.health = health;
        this.onCorrupt = onCorrupt;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    void start() {
        thread.start();
    }

    /** Stops after the merge in progress (which is abandoned mid-way at the next block if it takes long). */
    void stop() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try (PartMerger merger = new PartMerger(config.blockRows(), 8L << 20, config.mergeZstdLevel(), access)) {
            while (!stopped) {
                boolean merged = false;
                for (DayPartition p : partitions.openPartitions()) {
                    if (stopped) {
                        return;
                    }
                    try {
                        merged |= mergeOnce(p, merger, false);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.ERROR, "merge in " + p.path() + " failed", e);
                    }
                }
                if (!merged) {
                    try {
                        Thread.sleep(PAUSE_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /** Runs one merge in the partition if the policy picks one (all parts when {@code all}); true if it merged. */
    private boolean mergeOnce(DayPartition p, PartMerger merger, boolean all) {
        List<Part> inputs = all || p.idleFor() > IDLE_NANOS ? MergePolicy.pickAll(p.mergeable())
                : MergePolicy.pick(p.mergeable());
        return merge(p, inputs, merger, health, onCorrupt);
    }

    private static boolean merge(DayPartition p, List<Part> inputs, PartMerger merger, StoreHealth health,
                                 Consumer<CorruptPartException> onCorrupt) {
        if (inputs.size() < 2 || !p.claimForMerge(inputs)) {
            return false;
        }
        int acquired = 0;
        try {
            for (Part in : inputs) {
                if (!in.acquire()) {
                    return false;
                }
                acquired++;
            }
            long copiedBefore = merger.copiedBlocks();
            long mergedBefore = merger.mergedBlocks();
            Part out = merger.merge(p, inputs, null);
            if (!p.replace(inputs, out)) {
                if (out != null) {
                    out.retire(true);
                }
                return false;
            }
            health.merged(out == null ? 0 : out.rows(), out == null ? 0 : out.sizeBytes(),
                    merger.copiedBlocks() - copiedBefore, merger.mergedBlocks() - mergedBefore);
            return true;
        } catch (CorruptPartException e) {
            onCorrupt.accept(e);
            return false;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "merge in " + p.path() + " failed; the parts stay as they are", e);
            return false;
        } finally {
            // Released before unclaimed: when compact() sees no claimed part, the merged-away files are gone.
            for (int i = 0; i < acquired; i++) {
                inputs.get(i).release();
            }
            p.unclaim(inputs);
        }
    }

    /** Merges one partition down to as few parts as the limits allow, in the caller's thread; returns the merges. */
    static int compact(PartitionTable partitions, PartitionKey key, ColumnarStoreConfig config, PartAccess access,
                       StoreHealth health, Consumer<CorruptPartException> onCorrupt) {
        DayPartition p = partitions.acquire(key, false);
        if (p == null) {
            return 0;
        }
        int merges = 0;
        try (PartMerger merger = new PartMerger(config.blockRows(), 8L << 20, config.mergeZstdLevel(), access)) {
            for (int attempt = 0; attempt < 1000; attempt++) {
                List<Part> inputs = MergePolicy.pickAll(p.mergeable());
                if (inputs.size() < 2) {
                    if (p.mergeable().size() == p.parts().size()) {
                        break;
                    }
                    // A background merge holds some parts: wait for it, then go on.
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    continue;
                }
                if (merge(p, inputs, merger, health, onCorrupt)) {
                    merges++;
                }
            }
        } finally {
            p.release();
        }
        return merges;
    }
}
