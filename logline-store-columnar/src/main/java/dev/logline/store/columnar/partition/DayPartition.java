package dev.logline.store.columnar.partition;

import dev.logline.store.columnar.part.PartAccess;
import dev.logline.store.columnar.part.CorruptPartException;
import dev.logline.store.columnar.part.Part;
import dev.logline.store.columnar.part.PartFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One tenant's events of one UTC day: the immutable parts in {@code <data>/tenants/<tenant>/<yyyy-MM-dd>/}.
 *
 * <p>Ownership: the store's {@link PartitionTable} opens a partition on demand and is its only owner. Every user
 * (the flusher, the merger, a read, retention) brackets its use with {@link #acquire()} / {@link #release()}; a
 * partition is closed only when idle with no user, and one retired by retention deletes its folder when its last user
 * releases it. The live set of parts changes atomically ({@link #add}, {@link #replace}, {@link #quarantine}); a read
 * takes a snapshot of acquired parts ({@link #acquireParts}) and releases each when done, so a part merged away while
 * it is read stays on disk until the read ends.
 *
 * <p>Crash safety on open: temporary files are deleted; a part whose id another part lists in its {@code replaces}
 * (a merge published, then the crash came before the inputs were deleted) is deleted; a part that fails its checks is
 * renamed {@code .corrupt} and reported, and the others serve.
 */
public final class DayPartition {

    private static final System.Logger LOG = System.getLogger(DayPartition.class.getName());

    final PartitionKey key;
    final Path path;
    private final PartAccess access;
    private volatile List<Part> parts;
    private final Set<Part> merging = new HashSet<>();
    private long nextPartId;
    private volatile long lastUsedNanos = System.nanoTime();
    private volatile long lastAddNanos = System.nanoTime();
    private int users;
    private boolean closed;
    private boolean deleteWhenReleased;

    private DayPartition(PartitionKey key, Path path, PartAccess access, List<Part> parts, long nextPartId) {
        this.key = key;
        this.path = path;
        this.access = access;
        this.parts = List.copyOf(parts);
        this.nextPartId = nextPartId;
    }

    /** Opens (creating when absent) the partition folder, cleaning up what a crash left behind. */
    static DayPartition open(PartitionKey key, Path path, PartAccess access, Consumer<CorruptPartException> onCorrupt)
            throws IOException {
        Files.createDirectories(path);
        List<Path> files;
        try (Stream<Path> s = Files.list(path)) {
            files = s.sorted().toList();
        }
        long maxId = 0;
        List<Part> opened = new ArrayList<>();
        boolean success = false;
        try {
            for (Path f : files) {
                String name = f.getFileName().toString();
                long id = idOf(name);
                maxId = Math.max(maxId, id);
                if (name.endsWith(PartFiles.TMP_SUFFIX)) {
                    Files.deleteIfExists(f);
                } else if (PartFiles.idOf(name) >= 0) {
                    try {
                        opened.add(Part.open(f, access));
                    } catch (CorruptPartException e) {
                        quarantineFile(f);
                        onCorrupt.accept(e);
                    }
                }
            }
            Set<Long> replaced = new HashSet<>();
            for (Part p : opened) {
                for (long r : p.index().replaces()) {
                    replaced.add(r);
                }
            }
            List<Part> live = new ArrayList<>();
            for (Part p : opened) {
                if (replaced.contains(p.id())) {
                    // A merge that replaced it was published before the crash: its rows are in the merged part.
                    p.retire(true);
                } else {
                    live.add(p);
                }
            }
            live.sort(Comparator.comparingLong(Part::id));
            success = true;
            return new DayPartition(key, path, access, live, maxId + 1);
        } finally {
            if (!success) {
                opened.forEach(p -> p.retire(false));
            }
        }
    }

    /** The id in any of our file names ({@code <id>.part}, {@code .tmp}, {@code .corrupt}), or 0. */
    private static long idOf(String name) {
        if (name.length() < 16) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(name.substring(0, 16), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void quarantineFile(Path f) {
        try {
            Files.move(f, f.resolveSibling(f.getFileName() + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "could not set damaged part " + f + " aside", e);
        }
    }

    public PartitionKey key() {
        return key;
    }

    public Path path() {
        return path;
    }

    /** A fresh part id for this partition (file names stay in creation order). */
    public synchronized long newPartId() {
        return nextPartId++;
    }

    /** The WAL sequence number through which every frame's events for this partition are in its parts. */
    public long coveredSeq() {
        long seq = 0;
        for (Part p : parts) {
            seq = Math.max(seq, p.index().coveredSeq());
        }
        return seq;
    }

    /** The live parts right now (not acquired: for sizes and counts). */
    public List<Part> parts() {
        return parts;
    }

    /** The live parts, each acquired: release every one when done. */
    public List<Part> acquireParts() {
        while (true) {
            List<Part> snapshot = parts;
            List<Part> got = new ArrayList<>(snapshot.size());
            boolean all = true;
            for (Part p : snapshot) {
                if (p.acquire()) {
                    got.add(p);
                } else {
                    all = false;
                    break;
                }
            }
            if (all) {
                return got;
            }
            // A part left service while we took the snapshot: take a fresh one.
            got.forEach(Part::release);
        }
    }

    /** How long since a part was last flushed into this partition. */
    public long idleFor() {
        return System.nanoTime() - lastAddNanos;
    }

    /** Adds a freshly published part. */
    public synchronized void add(Part p) {
        lastAddNanos = System.nanoTime();
        List<Part> next = new ArrayList<>(parts);
        next.add(p);
        parts = List.copyOf(next);
    }

    /**
     * Swaps merged parts for their merge result; false (nothing changed) when one of them already left service, in
     * which case the caller deletes the result.
     */
    public synchronized boolean replace(List<Part> inputs, Part output) {
        merging.removeAll(inputs);
        if (!parts.containsAll(inputs)) {
            return false;
        }
        List<Part> next = new ArrayList<>(parts);
        next.removeAll(inputs);
        if (output != null) {
            next.add(output);
        }
        next.sort(Comparator.comparingLong(Part::id));
        parts = List.copyOf(next);
        for (Part p : inputs) {
            p.retire(true);
        }
        return true;
    }

    /** Marks parts as being merged (so no second merge takes them); false when some are taken or gone. */
    public synchronized boolean claimForMerge(List<Part> inputs) {
        for (Part p : inputs) {
            if (merging.contains(p) || !parts.contains(p)) {
                return false;
            }
        }
        merging.addAll(inputs);
        return true;
    }

    public synchronized void unclaim(List<Part> inputs) {
        merging.removeAll(inputs);
    }

    /** Live parts not being merged. */
    public synchronized List<Part> mergeable() {
        List<Part> out = new ArrayList<>(parts);
        out.removeAll(merging);
        return out;
    }

    /** Takes a damaged part out of service and sets its file aside as {@code .corrupt}. */
    public synchronized boolean quarantine(Path partPath) {
        for (Part p : parts) {
            if (p.path().equals(partPath)) {
                List<Part> next = new ArrayList<>(parts);
                next.remove(p);
                parts = List.copyOf(next);
                merging.remove(p);
                quarantineFile(partPath);
                p.retire(false);
                return true;
            }
        }
        return false;
    }

    public long rows() {
        long n = 0;
        for (Part p : parts) {
            n += p.rows();
        }
        return n;
    }

    public long sizeOnDisk() {
        long n = 0;
        for (Part p : parts) {
            n += p.sizeBytes();
        }
        return n;
    }

    // ---------------------------------------------------------------- lifecycle

    /** Registers a user; false when the partition is closed (open it again through the table). */
    synchronized boolean acquire() {
        if (closed) {
            return false;
        }
        users++;
        lastUsedNanos = System.nanoTime();
        return true;
    }

    public synchronized void release() {
        users--;
        lastUsedNanos = System.nanoTime();
        if (users == 0 && deleteWhenReleased) {
            closeParts();
            deleteTree(path);
        }
    }

    /** Closes the partition when no one uses it and it was idle this long; true when closed. */
    synchronized boolean closeIfIdle(long idleNanos) {
        if (closed || users > 0 || System.nanoTime() - lastUsedNanos < idleNanos || !merging.isEmpty()) {
            return false;
        }
        closed = true;
        closeParts();
        return true;
    }

    /** Retention dropped the day: no new users; the folder goes when the last one leaves. */
    synchronized void retire() {
        closed = true;
        deleteWhenReleased = true;
        if (users == 0) {
            closeParts();
            deleteTree(path);
        }
    }

    synchronized void close() {
        if (!closed) {
            closed = true;
            closeParts();
        }
    }

    private void closeParts() {
        for (Part p : parts) {
            p.retire(false);
        }
        parts = List.of();
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** Bytes of the part files in a partition folder, whether open or not. */
    static long sizeOnDisk(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(PartFiles.SUFFIX)).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
