package dev.logline.store.lucene;

import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The owner of every {@link DayPartition} under {@code <data>/tenants/}: opens them on demand, closes idle ones,
 * drops retired days and finds which days exist. Callers get partitions from {@link #acquire} and must
 * {@link DayPartition#release()} them.
 */
final class PartitionTable {

    private static final System.Logger LOG = System.getLogger(PartitionTable.class.getName());

    private final Path tenantsDir;
    private final LongSupplier indexedThrough;
    private final ConcurrentHashMap<PartitionKey, DayPartition> open = new ConcurrentHashMap<>();
    /** Days being dropped: not to be reopened while their files go. */
    private final Set<PartitionKey> retiring = ConcurrentHashMap.newKeySet();

    PartitionTable(Path tenantsDir, LongSupplier indexedThrough) throws IOException {
        this.tenantsDir = tenantsDir;
        this.indexedThrough = indexedThrough;
        Files.createDirectories(tenantsDir);
    }

    Path pathOf(PartitionKey key) {
        return tenantsDir.resolve(key.tenant()).resolve(key.day().toString());
    }

    /**
     * The partition for a key, registered as used (release it); opened from disk or, when {@code create}, created.
     * {@code null} when it does not exist (and may not be created) or is being dropped.
     */
    DayPartition acquire(PartitionKey key, boolean create) {
        while (true) {
            if (retiring.contains(key)) {
                return null;
            }
            Path path = pathOf(key);
            DayPartition p;
            try {
                p = open.computeIfAbsent(key, k -> create || Files.isDirectory(path)
                        ? DayPartition.open(k, path, indexedThrough) : null);
            } catch (UncheckedIOException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot open partition " + path, e);
                return null;
            }
            if (p == null) {
                return null;
            }
            if (p.acquire()) {
                return p;
            }
            // Closed while we looked it up (idle or dropped): take it out and try again.
            open.remove(key, p);
        }
    }

    /** Partitions open right now. */
    List<DayPartition> openPartitions() {
        return new ArrayList<>(open.values());
    }

    int openCount() {
        return open.size();
    }

    /** The open partition of a key, if any, without opening it. */
    DayPartition openOrNull(PartitionKey key) {
        return open.get(key);
    }

    /** Partitions that exist for a tenant ({@code null}: all tenants) between two days inclusive, oldest first. */
    List<PartitionKey> existing(String tenant, LocalDate from, LocalDate to) {
        List<PartitionKey> keys = new ArrayList<>();
        List<Path> tenantDirs = new ArrayList<>();
        if (tenant != null) {
            tenantDirs.add(tenantsDir.resolve(tenant));
        } else {
            try (Stream<Path> s = Files.list(tenantsDir)) {
                s.filter(Files::isDirectory).forEach(tenantDirs::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Path t : tenantDirs) {
            if (!Files.isDirectory(t)) {
                continue;
            }
            try (Stream<Path> s = Files.list(t)) {
                s.forEach(d -> {
                    try {
                        LocalDate day = LocalDate.parse(d.getFileName().toString());
                        if (!day.isBefore(from) && !day.isAfter(to)) {
                            keys.add(new PartitionKey(t.getFileName().toString(), day));
                        }
                    } catch (DateTimeParseException e) {
                        // not a partition folder
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        keys.sort(Comparator.comparing(PartitionKey::day).thenComparing(PartitionKey::tenant));
        return keys;
    }

    /** Deletes a day: at once when unused, else when its last reader releases it. */
    void drop(PartitionKey key, String why) {
        retiring.add(key);
        try {
            DayPartition p = open.remove(key);
            if (p != null) {
                p.retire();
            } else {
                DayPartition.deleteTree(pathOf(key));
            }
            LOG.log(System.Logger.Level.INFO, "retention dropped {0}/{1}: {2}", key.tenant(), key.day(), why);
        } finally {
            // A partition still being read keeps its files until its last reader leaves; its name is free again.
            retiring.remove(key);
        }
    }

    /** Makes what was added so far visible to searches. */
    void refreshAll() {
        for (DayPartition p : open.values()) {
            if (p.acquire(false)) {
                try {
                    p.refresh();
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "refresh of " + p.path + " failed", e);
                } finally {
                    p.release();
                }
            }
        }
    }

    /** Commits every open partition; {@code false} when any commit failed. */
    boolean commitAll() {
        boolean allCommitted = true;
        for (DayPartition p : open.values()) {
            try {
                p.commit();
            } catch (IOException | RuntimeException e) {
                allCommitted = false;
                LOG.log(System.Logger.Level.ERROR, "commit of " + p.path + " failed", e);
            }
        }
        return allCommitted;
    }

    void closeIdle(long idleNanos) {
        for (DayPartition p : open.values()) {
            try {
                if (p.closeIfIdle(idleNanos)) {
                    open.remove(p.key, p);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "closing idle partition " + p.path + " failed", e);
            }
        }
    }

    /** Commits and closes every open partition. */
    void closeAll() throws IOException {
        IOException first = null;
        for (DayPartition p : open.values()) {
            try {
                p.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }

    /** Live events of a partition: counted by its writer when open, else read from its last commit. */
    long liveEvents(PartitionKey key) {
        DayPartition p = open.get(key);
        if (p != null && p.acquire(false)) {
            try {
                return p.liveDocs();
            } finally {
                p.release();
            }
        }
        try (FSDirectory dir = FSDirectory.open(pathOf(key))) {
            long n = 0;
            for (SegmentCommitInfo info : SegmentInfos.readLatestCommit(dir)) {
                n += info.info.maxDoc() - info.getDelCount() - info.getSoftDelCount();
            }
            return n;
        } catch (IOException e) {
            return 0;
        }
    }
}
