package dev.logline.store.columnar.wal;

import dev.logline.store.columnar.encoding.AtRestEncryption;
import dev.logline.store.columnar.encoding.CorruptDataException;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The append-only write-ahead log: segment files {@code <wal>/<first-seq>.wal} of {@link WalFrame}s, written by one
 * thread that commits in groups (every append waiting when a write starts shares one fsync).
 *
 * <p>Lifecycle: {@link #open} reads every segment back (cutting a torn tail, skipping corrupt frames) and hands the
 * intact frames to the caller for replay, then starts a fresh active segment. Appends complete their future only
 * after the fsync that made them durable, and after the {@code onDurable} listener saw them (in sequence order).
 * Segments are deleted by {@link #releaseCommitted} once durable parts hold all their frames. The active segment
 * is never deleted while it is active: when all of its frames are committed, {@link #releaseCommitted} has the writer
 * close it and start an empty one named after the next sequence number (which keeps the numbering monotonic across
 * restarts), and then deletes the old one — so a store at rest after a commit holds no WAL bytes.
 */
public final class WriteAheadLog implements Closeable {

    /** An append waiting for its fsync; {@code seq} is assigned by the writer thread. */
    public static final class Append {
        /** The frame body ({@link WalFrame#body}): tenant and event records. */
        public final byte[] body;
        /** The body as written: sealed by {@link #append} when the log encrypts. */
        byte[] stored;
        /** Events in the body. */
        public final int events;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        /** For a roll request (no events): every frame up to this sequence number is committed; else -1. */
        final long committedSeq;
        long seq;

        public Append(byte[] body, int events) {
            this(body, events, -1);
        }

        private Append(byte[] body, int events, long committedSeq) {
            this.body = body;
            this.events = events;
            this.committedSeq = committedSeq;
        }

        static Append rollRequest(long committedSeq) {
            return new Append(new byte[0], 0, committedSeq);
        }

        boolean isRollRequest() {
            return committedSeq >= 0;
        }

        /** The sequence number the writer gave this append (valid once it is durable). */
        public long seq() {
            return seq;
        }
    }

    private static final System.Logger LOG = System.getLogger(WriteAheadLog.class.getName());
    private static final String SUFFIX = ".wal";
    private static final Append STOP = new Append(new byte[0], 0);

    private final Path dir;
    private final long segmentBytes;
    private final AtRestEncryption encryption;
    private final Consumer<List<Append>> onDurable;
    private final LinkedBlockingQueue<Append> queue = new LinkedBlockingQueue<>();
    /** First sequence number of each segment file → its path; guarded by {@code this}. */
    private final TreeMap<Long, Path> segments = new TreeMap<>();
    private final WalRecovery recovery;
    private final long firstNewSeq;
    private final Thread writer;

    // Touched by the writer thread only (and by open/close before/after it runs).
    private FileChannel active;
    private long activeSize;
    private long nextSeq;
    private volatile IOException failure;
    /** Set by {@link #close} as it queues STOP; guarded by {@code this}. */
    private boolean closed;

    private WriteAheadLog(Path dir, long segmentBytes, AtRestEncryption encryption, Consumer<List<Append>> onDurable,
                          WalRecovery recovery, long nextSeq) throws IOException {
        this.dir = dir;
        this.encryption = encryption;
        this.segmentBytes = segmentBytes;
        this.onDurable = onDurable;
        this.recovery = recovery;
        this.nextSeq = nextSeq;
        this.firstNewSeq = nextSeq;
        openSegment(nextSeq);
        this.writer = new Thread(this::runWriter, "logline-wal-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Reads the log in {@code dir}, calls {@code replay} for every intact frame in sequence order, and returns the
     * log ready for appends. Frame bodies are sealed with {@code encryption} when it is enabled; sealed frames found
     * are opened with it.
     *
     * @throws dev.logline.store.columnar.encoding.StoreKeyException when a frame is sealed with a key it lacks
     */
    public static WriteAheadLog open(Path dir, long segmentBytes, AtRestEncryption encryption,
                                     Consumer<WalFrame> replay, Consumer<List<Append>> onDurable) throws IOException {
        Files.createDirectories(dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
        long lastSeq = 0;
        long firstSeqOfLast = 1;
        long framesRead = 0;
        long corruptFrames = 0;
        long corruptBytes = 0;
        long tornBytes = 0;
        TreeMap<Long, Path> found = new TreeMap<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            long firstSeq = parseSegmentName(file);
            if (firstSeq < 0) {
                continue;
            }
            found.put(firstSeq, file);
            firstSeqOfLast = Math.max(firstSeqOfLast, firstSeq);
            boolean last = i == files.size() - 1;
            byte[] data = Files.readAllBytes(file);
            int pos = 0;
            while (pos < data.length) {
                int frameLength = validFrameAt(data, pos);
                WalFrame frame = null;
                if (frameLength > 0) {
                    try {
                        frame = WalFrame.decodePayload(data, pos + WalFrame.HEADER_BYTES,
                                frameLength - WalFrame.HEADER_BYTES, readInt(data, pos) == WalFrame.SEALED_MAGIC,
                                encryption);
                    } catch (CorruptDataException e) {
                        // The checksum matched but the seal does not authenticate: changed on disk. Skip it.
                        LOG.log(System.Logger.Level.WARNING, "WAL segment {0}: frame at offset {1} skipped: {2}",
                                file, pos, e.getMessage());
                        corruptFrames++;
                        corruptBytes += frameLength;
                        pos += frameLength;
                        continue;
                    }
                }
                if (frame != null) {
                    if (frame.seq() > lastSeq) {
                        framesRead++;
                        lastSeq = frame.seq();
                        replay.accept(frame);
                    }
                    pos += frameLength;
                    continue;
                }
                int next = nextValidFrame(data, pos + 1);
                if (next < 0 && last) {
                    // Nothing readable follows: the crash interrupted this write. Cut it so appends stay clean.
                    tornBytes += data.length - pos;
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        ch.truncate(pos);
                        ch.force(true);
                    }
                    break;
                }
                int end = next < 0 ? data.length : next;
                corruptFrames++;
                corruptBytes += end - pos;
                LOG.log(System.Logger.Level.WARNING, "WAL segment {0}: skipped {1} corrupt bytes at offset {2}",
                        file, end - pos, pos);
                pos = end;
            }
        }
        WalRecovery recovery = new WalRecovery(found.size(), framesRead, 0, corruptFrames, corruptBytes, tornBytes);
        if (tornBytes > 0) {
            LOG.log(System.Logger.Level.WARNING, "WAL: cut a torn tail of {0} bytes", tornBytes);
        }
        WriteAheadLog log = new WriteAheadLog(dir, segmentBytes, encryption, onDurable, recovery,
                Math.max(lastSeq + 1, firstSeqOfLast));
        synchronized (log) {
            found.forEach(log.segments::putIfAbsent);
        }
        return log;
    }

    private static long parseSegmentName(Path file) {
        String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The total length of an intact frame starting at {@code pos}, or 0 when there is none. */
    private static int validFrameAt(byte[] d, int pos) {
        if (d.length - pos < WalFrame.HEADER_BYTES
                || readInt(d, pos) != WalFrame.MAGIC && readInt(d, pos) != WalFrame.SEALED_MAGIC) {
            return 0;
        }
        int length = readInt(d, pos + 4);
        if (length < 10 || length > WalFrame.MAX_PAYLOAD_BYTES || length > d.length - pos - WalFrame.HEADER_BYTES) {
            return 0;
        }
        if (!WalFrame.checksumMatches(d, pos + WalFrame.HEADER_BYTES, length, readInt(d, pos + 8))) {
            return 0;
        }
        return WalFrame.HEADER_BYTES + length;
    }

    private static int nextValidFrame(byte[] d, int from) {
        for (int p = from; p + WalFrame.HEADER_BYTES <= d.length; p++) {
            if (d[p] == 0x4C && validFrameAt(d, p) > 0) {
                return p;
            }
        }
        return -1;
    }

    private static int readInt(byte[] d, int p) {
        return ((d[p] & 0xFF) << 24) | ((d[p + 1] & 0xFF) << 16) | ((d[p + 2] & 0xFF) << 8) | (d[p + 3] & 0xFF);
    }

    /** The sequence number the first append after {@link #open} gets; every earlier one was read back. */
    public long firstNewSeq() {
        return firstNewSeq;
    }

    /** What {@link #open} found. */
    public WalRecovery recovery() {
        return recovery;
    }

    /** Queues an append; its future completes once the frame is fsync'd and handed to {@code onDurable}. */
    public CompletableFuture<Void> append(Append a) {
        IOException failed = failure;
        if (failed != null) {
            return CompletableFuture.failedFuture(new UncheckedIOException("the write-ahead log failed earlier; "
                    + "restart the store", failed));
        }
        // Sealing here, on the caller's thread, keeps the single writer thread to writes and fsyncs.
        a.stored = encryption.seal(a.body, AtRestEncryption.Purpose.WAL);
        queue.add(a);
        return a.done;
    }

    private void runWriter() {
        List<Append> group = new ArrayList<>();
        while (true) {
            try {
                group.clear();
                Append first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group);
                boolean stop = group.remove(STOP);
                List<Append> rolls = new ArrayList<>();
                group.removeIf(a -> a.isRollRequest() && rolls.add(a));
                if (!group.isEmpty()) {
                    writeGroup(group);
                }
                for (Append roll : rolls) {
                    rollIfCommitted(roll);
                }
                if (stop) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void writeGroup(List<Append> group) {
        try {
            if (failure != null) {
                throw failure;
            }
            for (Append a : group) {
                a.seq = nextSeq++;
                ByteBuffer frame = WalFrame.encode(a.seq, a.stored, a.stored != a.body);
                if (activeSize > 0 && activeSize + frame.remaining() > segmentBytes) {
                    active.force(false);
                    active.close();
                    openSegment(a.seq);
                }
                while (frame.hasRemaining()) {
                    activeSize += active.write(frame);
                }
            }
            active.force(false);
        } catch (IOException | RuntimeException e) {
            // After a failed write or fsync the file's state is unknown; refuse everything from now on.
            IOException io = e instanceof IOException ? (IOException) e : new IOException(e);
            failure = io;
            for (Append a : group) {
                a.done.completeExceptionally(new UncheckedIOException("write-ahead log write failed", io));
            }
            return;
        }
        try {
            onDurable.accept(List.copyOf(group));
        } finally {
            for (Append a : group) {
                a.done.complete(null);
            }
        }
    }

    private void openSegment(long firstSeq) throws IOException {
        Path file = dir.resolve(String.format("%020d%s", firstSeq, SUFFIX));
        active = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        activeSize = active.size();
        syncDirectory();
        synchronized (this) {
            segments.put(firstSeq, file);
        }
    }

    private void syncDirectory() {
        // A new file's directory entry must be durable too, or a crash can lose the whole segment.
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some platforms cannot open directories; the file data itself is still fsync'd.
        }
    }

    /**
     * Frees the log of every frame with {@code seq <= committedSeq}: deletes the segments that hold only such frames
     * and, when the active segment does too, has the writer roll to an empty segment and delete it. Returns once
     * done, or after a few seconds if the writer is busy (the next call catches up).
     */
    public void releaseCommitted(long committedSeq) {
        deleteCommittedSegments(committedSeq);
        if (failure != null) {
            return;
        }
        Append roll = Append.rollRequest(Math.max(0, committedSeq));
        boolean queued;
        synchronized (this) {
            // Queued before close() queues STOP, or not at all: a roll queued after the writer stopped would be
            // waited for in vain (DamagedStoreFuzzTest found a store closed as it opened taking 5 s to close).
            queued = !closed;
            if (queued) {
                queue.add(roll);
            }
        }
        if (!queued) {
            // Closed: once the writer has written what came before STOP, nothing will be appended again.
            awaitWriter();
            releaseAfterClose(committedSeq);
            return;
        }
        try {
            roll.done.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // A failed roll is recorded in failure by the writer; a slow one finishes on its own.
        }
    }

    /** Writer thread: closes the active segment and starts an empty one when every frame written is committed. */
    private void rollIfCommitted(Append roll) {
        try {
            if (failure == null && activeSize > 0 && nextSeq - 1 <= roll.committedSeq) {
                active.force(false);
                active.close();
                openSegment(nextSeq);
                deleteCommittedSegments(roll.committedSeq);
            }
        } catch (IOException e) {
            // The active channel's state is unknown now; refuse appends from here on, as a failed write does.
            failure = e;
        } finally {
            roll.done.complete(null);
        }
    }

    /** Deletes every segment (except the active one) whose frames all have {@code seq <= committedSeq}. */
    synchronized int deleteCommittedSegments(long committedSeq) {
        int deleted = 0;
        List<Map.Entry<Long, Path>> entries = new ArrayList<>(segments.entrySet());
        for (int i = 0; i + 1 < entries.size(); i++) {
            long nextFirst = entries.get(i + 1).getKey();
            if (nextFirst > committedSeq + 1) {
                break;
            }
            try {
                Files.deleteIfExists(entries.get(i).getValue());
                segments.remove(entries.get(i).getKey());
                deleted++;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not delete WAL segment " + entries.get(i).getValue(), e);
                break;
            }
        }
        return deleted;
    }

    /**
     * After close: when every frame is committed, leaves only an empty segment named after the next sequence number,
     * so the numbering goes on from there at the next open.
     */
    private synchronized void releaseAfterClose(long committedSeq) {
        if (nextSeq - 1 > committedSeq) {
            return;
        }
        Path empty = dir.resolve(String.format("%020d%s", nextSeq, SUFFIX));
        try {
            if (!Files.exists(empty)) {
                Files.createFile(empty);
                syncDirectory();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not start an empty WAL segment; keeping the old ones", e);
            return;
        }
        for (Path p : List.copyOf(segments.values())) {
            if (!p.equals(empty)) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "could not delete WAL segment " + p, e);
                }
            }
        }
        segments.clear();
        segments.put(nextSeq, empty);
    }

    /** Bytes held in segment files. */
    public synchronized long sizeBytes() {
        long total = 0;
        for (Path p : segments.values()) {
            try {
                total += Files.size(p);
            } catch (IOException e) {
                // deleted concurrently: counts as nothing
            }
        }
        return total;
    }

    /** Writes what is queued, stops the writer and closes the active segment. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            closed = true;
            queue.add(STOP);
        }
        awaitWriter();
        active.close();
    }

    private void awaitWriter() {
        if (Thread.currentThread() == writer) {
            return;
        }
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
