package dev.logline.store.columnar.partition;

import dev.logline.store.columnar.part.PartAccess;
import dev.logline.store.columnar.part.CorruptPartException;

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
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The owner of every {@link DayPartition} under {@code <data>/tenants/}: opens them on demand, closes idle ones,
 * drops retired days and finds which days exist. Callers get partitions from {@link #acquire} and must
 * {@link DayPartition#release()} them.
 */
public final class PartitionTable {

    private static final System.Logger LOG = System.getLogger(PartitionTable.class.getName());

    private final Path tenantsDir;
    private final PartAccess access;
    private final Consumer<CorruptPartException> onCorrupt;
    private final ConcurrentHashMap<PartitionKey, DayPartition> open = new ConcurrentHashMap<>();
    /** Days being dropped: not to be reopened while their files go. */
    private final Set<PartitionKey> retiring = ConcurrentHashMap.newKeySet();

    public PartitionTable(Path tenantsDir, PartAccess access, Consumer<CorruptPartException> onCorrupt)
            throws IOException {
        this.tenantsDir = tenantsDir;
        this.access = access;
        this.onCorrupt = onCorrupt;
        Files.createDirectories(tenantsDir);
    }

    public Path pathOf(PartitionKey key) {
        return tenantsDir.resolve(key.tenant()).resolve(key.day().toString());
    }

    /**
     * The partition for a key, registered as used (release it); opened from disk or, when {@code create}, created.
     * {@code null} when it does not exist (and may not be created) or is being dropped.
     */
    public DayPartition acquire(PartitionKey key, boolean create) {
        while (true) {
            if (retiring.contains(key)) {
                return null;
            }
            Path path = pathOf(key);
            DayPartition p;
            try {
                p = open.computeIfAbsent(key, k -> {
                    if (!create && !Files.isDirectory(path)) {
                        return null;
                    }
                    try {
                        return DayPartition.open(k, path, access, onCorrupt);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                if (create) {
                    throw new UncheckedIOException("cannot open partition " + path + ": " + e.getCause().getMessage(),
                            e.getCause());
                }
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
    public List<DayPartition> openPartitions() {
        return new ArrayList<>(open.values());
    }

    /** Partitions that exist for a tenant ({@code null}: all tenants) between two days inclusive, oldest first. */
    public List<PartitionKey> existing(String tenant, LocalDate from, LocalDate to) {
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
    public void drop(PartitionKey key, String why) {
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
            retiring.remove(key);
        }
    }

    public void closeIdle(long idleNanos) {
        for (DayPartition p : open.values()) {
            if (p.closeIfIdle(idleNanos)) {
                open.remove(p.key, p);
            }
        }
    }

    /** Closes every open partition. */
    public void closeAll() {
        for (DayPartition p : open.values()) {
            p.close();
        }
        open.clear();
    }

    /** Bytes of a partition's part files, open or not. */
    public long sizeOnDisk(PartitionKey key) {
        DayPartition p = open.get(key);
        return p != null ? p.sizeOnDisk() : DayPartition.sizeOnDisk(pathOf(key));
    }
}
