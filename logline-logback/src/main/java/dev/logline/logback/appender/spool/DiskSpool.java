package dev.logline.logback.appender.spool;

import dev.logline.core.crypto.DecryptionException;
import dev.logline.core.crypto.EncryptionKeys;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A size-capped, crash-tolerant FIFO of event lines on disk, replayed in order after a restart.
 *
 * <p>Files in the spool directory:
 * <ul>
 *   <li>{@code segment-<number>.spool}: frames ({@link SpoolFrame}), read in ascending number order; the newest one
 *       is appended to until it reaches a quarter of the cap;</li>
 *   <li>{@code spool.ack}: {@code <segment> <offset>} — how far the segment being delivered got, so a restart does
 *       not send that part again (fully delivered segments are simply deleted);</li>
 *   <li>{@code spool.lock}: held while open, so two processes never share one spool.</li>
 * </ul>
 *
 * <p>Encryption: opened with {@link EncryptionKeys}, every frame's payload is sealed (AES-256-GCM, the active key)
 * so no event text is on disk in clear; frames are opened with the key they name, so a spool written before a
 * rotation still drains, and plain frames from before encryption was turned on are still read. A frame sealed with a
 * key that is not loaded cannot be read: the rest of its segment is skipped with a warning naming the key.
 *
 * <p>Lifecycle: {@link #open} takes the lock and recovers what earlier runs left; {@link #read} hands out the next
 * unread frames, {@link #commit} forgets them once delivered; {@link #close} flushes, syncs and releases the lock.
 * All methods are synchronized: one appender's application threads append while its sender reads.
 */
public final class DiskSpool implements Closeable {

    private static final String SEGMENT_PREFIX = "segment-";
    private static final String SEGMENT_SUFFIX = ".spool";
    private static final String ACK_FILE = "spool.ack";
    private static final String LOCK_FILE = "spool.lock";
    /** Numbers start high so {@link #prepend} can always go below the oldest segment. */
    private static final long FIRST_SEGMENT = 1_000_000_000L;
    /** Associated data of sealed frames: a spool frame opens only as a spool frame. */
    private static final byte[] SEALING_PURPOSE = "logline.spool.v1".getBytes(StandardCharsets.US_ASCII);

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final SpoolListener listener;
    private final EncryptionKeys keys;
    private final FileChannel lockChannel;
    private final FileLock lock;

    /** Every segment on disk by number; {@code frames} is -1 for segments recovered and not yet counted. */
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private long totalBytes;

    private Segment writing;
    private OutputStream writer;

    private long readSegment = -1;
    private int readOffset;
    /** Delivered prefix of the oldest segment, as the ack file records it. */
    private long ackSegment = -1;
    private int ackOffset;
    private byte[] readData;
    private boolean closed;

    private static final class Segment {
        final long number;
        final Path path;
        long bytes;
        int frames;

        Segment(long number, Path path, long bytes, int frames) {
            this.number = number;
            this.path = path;
            this.bytes = bytes;
            this.frames = frames;
        }
    }

    private DiskSpool(Path dir, long maxBytes, SpoolListener listener, EncryptionKeys keys, FileChannel lockChannel,
                      FileLock lock) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(1, maxBytes / 4);
        this.listener = listener;
        this.keys = keys;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating if needed) the spool in {@code dir}, recovering the segments an earlier run left.
     *
     * @throws IOException when the directory cannot be used or another process holds it
     */
    public static DiskSpool open(Path dir, long maxBytes, SpoolListener listener) throws IOException {
        return open(dir, maxBytes, listener, null);
    }

    /**
     * As {@link #open(Path, long, SpoolListener)}, sealing every frame with {@code keys} ({@code null}: in clear).
     *
     * @throws IOException when the directory cannot be used or another process holds it
     */
    public static DiskSpool open(Path dir, long maxBytes, SpoolListener listener, EncryptionKeys keys)
            throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        boolean success = false;
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IOException("spool directory " + dir + " is in use by another appender or process;"
                        + " give each appender its own spoolDir");
            }
            DiskSpool spool = new DiskSpool(dir, maxBytes, listener, keys, channel, lock);
            spool.recover();
            success = true;
            return spool;
        } finally {
            if (!success) {
                channel.close();
            }
        }
    }

    private void recover() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, SEGMENT_PREFIX + "*" + SEGMENT_SUFFIX)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                String digits = name.substring(SEGMENT_PREFIX.length(), name.length() - SEGMENT_SUFFIX.length());
                long number;
                try {
                    number = Long.parseLong(digits);
                } catch (NumberFormatException e) {
                    listener.warn("ignoring " + p + ": not a spool segment name");
                    continue;
                }
                long size = Files.size(p);
                segments.put(number, new Segment(number, p, size, -1));
                totalBytes += size;
            }
        }
        Path ack = dir.resolve(ACK_FILE);
        if (Files.exists(ack) && !segments.isEmpty()) {
            // Decoded leniently: a damaged ack file is ignored below, never a reason the spool cannot open.
            String[] parts = new String(Files.readAllBytes(ack), StandardCharsets.US_ASCII).trim().split(" ");
            try {
                long seg = Long.parseLong(parts[0]);
                int offset = Integer.parseInt(parts[1]);
                // The named segment is usually the oldest; after a prepend an older one comes first.
                Segment acked = segments.get(seg);
                if (acked != null && offset >= 0 && offset <= acked.bytes) {
                    ackSegment = seg;
                    ackOffset = offset;
                }
            } catch (RuntimeException e) {
                listener.warn("ignoring unreadable " + ack + "; the oldest spool segment is replayed from its start");
            }
        }
        enforceCap();
    }

    /** Appends lines after everything spooled so far, dropping the oldest segments if the cap is exceeded. */
    public synchronized void append(List<byte[]> lines) throws IOException {
        checkOpen();
        for (byte[] plain : lines) {
            if (writing == null || writing.bytes >= segmentBytes) {
                roll();
            }
            byte[] line = sealed(plain);
            byte[] header = SpoolFrame.header(line);
            writer.write(header);
            writer.write(line);
            long n = header.length + line.length;
            writing.bytes += n;
            writing.frames++;
            totalBytes += n;
        }
        writer.flush();
        enforceCap();
    }

    /**
     * Stores lines in a new segment placed before every other one, for events older than anything spooled (the
     * batch a sender was still retrying when it had to stop).
     */
    public synchronized void prepend(List<byte[]> lines) throws IOException {
        checkOpen();
        if (lines.isEmpty()) {
            return;
        }
        long number = segments.isEmpty() ? FIRST_SEGMENT : segments.firstKey() - 1;
        Path path = segmentPath(number);
        long bytes = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE))) {
            for (byte[] plain : lines) {
                byte[] line = sealed(plain);
                out.write(SpoolFrame.header(line));
                out.write(line);
                bytes += SpoolFrame.HEADER_BYTES + line.length;
            }
        }
        segments.put(number, new Segment(number, path, bytes, lines.size()));
        totalBytes += bytes;
        readSegment = -1;
        readOffset = 0;
        readData = null;
        enforceCap();
    }

    /**
     * The next unread frames, at most {@code maxEvents}, all from one segment; empty when nothing is unread.
     * A corrupt or truncated frame ends its segment: the rest of that file is skipped with a warning.
     */
    public synchronized SpoolBatch read(int maxEvents) throws IOException {
        checkOpen();
        while (!segments.isEmpty()) {
            Segment seg = segments.firstEntry().getValue();
            if (readSegment != seg.number) {
                readSegment = seg.number;
                readOffset = seg.number == ackSegment ? ackOffset : 0;
                readData = null;
            }
            if (seg == writing) {
                // Reading only sealed files keeps the writer and the reader off one file.
                sealWriter();
            }
            if (readData == null) {
                readData = Files.readAllBytes(seg.path);
            }
            List<byte[]> lines = new ArrayList<>();
            while (lines.size() < maxEvents && readOffset < readData.length) {
                byte[] payload = SpoolFrame.read(readData, readOffset);
                if (payload == null) {
                    int skipped = readData.length - readOffset;
                    listener.warn("spool segment " + seg.path + " is corrupt or truncated at offset " + readOffset
                            + ": skipping its last " + skipped + " bytes");
                    readOffset = readData.length;
                    break;
                }
                byte[] line;
                try {
                    line = opened(payload);
                } catch (DecryptionException e) {
                    int skipped = readData.length - readOffset;
                    listener.warn("spool segment " + seg.path + " cannot be read at offset " + readOffset + ": "
                            + e.getMessage() + "; skipping its last " + skipped + " bytes");
                    readOffset = readData.length;
                    break;
                }
                lines.add(line);
                readOffset += SpoolFrame.HEADER_BYTES + payload.length;
            }
            boolean exhausted = readOffset >= readData.length;
            if (!lines.isEmpty()) {
                return new SpoolBatch(lines, seg.number, readOffset, exhausted);
            }
            // Nothing (more) to deliver from this segment: it was fully delivered before, or corrupt.
            deleteSegment(seg);
        }
        return new SpoolBatch(List.of(), -1, 0, true);
    }

    /** Forgets a delivered batch: its segment is deleted once fully delivered, else the ack file moves forward. */
    public synchronized void commit(SpoolBatch batch) throws IOException {
        checkOpen();
        Segment seg = segments.get(batch.segment());
        if (seg == null) {
            return; // dropped by the cap while in flight
        }
        if (batch.exhausted()) {
            deleteSegment(seg);
        } else {
            writeAck(seg.number, batch.endOffset());
        }
    }

    /**
     * Whether the batch's frames are still on disk: {@code false} once the cap dropped its segment while it was in
     * flight (those frames were not counted as dropped: the holder delivers them or counts them).
     */
    public synchronized boolean holds(SpoolBatch batch) {
        return segments.containsKey(batch.segment());
    }

    /** Whether any frame is left that {@link #read} has not handed out. */
    public synchronized boolean isEmpty() {
        if (segments.isEmpty()) {
            return true;
        }
        if (segments.size() > 1) {
            return false;
        }
        Segment only = segments.firstEntry().getValue();
        long delivered = readSegment == only.number ? readOffset : only.number == ackSegment ? ackOffset : 0;
        return delivered >= only.bytes;
    }

    private byte[] sealed(byte[] line) {
        return keys == null ? line : keys.seal(line, SEALING_PURPOSE);
    }

    /** A frame's line: opened when sealed; a plain frame (written before encryption was on) as it is. */
    private byte[] opened(byte[] payload) throws DecryptionException {
        if (!EncryptionKeys.looksSealed(payload, 0, payload.length)) {
            return payload;
        }
        if (keys == null) {
            throw new DecryptionException("its frames are encrypted and this appender has no spoolKeys; give the "
                    + "keys it was written with");
        }
        return keys.open(payload, SEALING_PURPOSE);
    }

    /** Bytes of all segment files. */
    public synchronized long bytes() {
        return totalBytes;
    }

    /** The directory this spool lives in. */
    public Path directory() {
        return dir;
    }

    private void roll() throws IOException {
        sealWriter();
        long number = segments.isEmpty() ? FIRST_SEGMENT : segments.lastKey() + 1;
        Path path = segmentPath(number);
        writer = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), 64 * 1024);
        writing = new Segment(number, path, 0, 0);
        segments.put(number, writing);
    }

    private void sealWriter() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
            writing = null;
        }
    }

    private void enforceCap() throws IOException {
        while (totalBytes > maxBytes && !segments.isEmpty()) {
            Segment oldest = segments.firstEntry().getValue();
            if (oldest == writing) {
                sealWriter();
            }
            int from = readSegment == oldest.number ? readOffset : oldest.number == ackSegment ? ackOffset : 0;
            long lost = countFrames(oldest, from);
            deleteSegment(oldest);
            listener.dropped(lost);
        }
    }

    private long countFrames(Segment seg, int from) throws IOException {
        if (from == 0 && seg.frames >= 0) {
            return seg.frames;
        }
        long count = 0;
        try (FileChannel ch = FileChannel.open(seg.path, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(4);
            long pos = from;
            long size = ch.size();
            while (pos + SpoolFrame.HEADER_BYTES <= size) {
                header.clear();
                ch.read(header, pos);
                int length = header.getInt(0);
                if (length <= 0) {
                    break;
                }
                count++;
                pos += SpoolFrame.HEADER_BYTES + (long) length;
            }
        }
        return count;
    }

    private void deleteSegment(Segment seg) throws IOException {
        if (seg == writing) {
            sealWriter();
        }
        segments.remove(seg.number);
        totalBytes -= seg.bytes;
        if (readSegment == seg.number) {
            readSegment = -1;
            readOffset = 0;
            readData = null;
        }
        if (ackSegment == seg.number) {
            ackSegment = -1;
            ackOffset = 0;
        }
        try {
            Files.deleteIfExists(seg.path);
        } catch (IOException e) {
            listener.warn("could not delete spool segment " + seg.path + ": " + e.getMessage());
        }
    }

    private void writeAck(long segment, int offset) throws IOException {
        ackSegment = segment;
        ackOffset = offset;
        Files.writeString(dir.resolve(ACK_FILE), segment + " " + offset + "\n", StandardCharsets.US_ASCII);
    }

    private Path segmentPath(long number) {
        return dir.resolve(String.format("%s%019d%s", SEGMENT_PREFIX, number, SEGMENT_SUFFIX));
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("the spool in " + dir + " is closed");
        }
    }

    /** Segment numbers and sizes, oldest first (for tests and diagnostics). */
    synchronized Map<Long, Long> segmentSizes() {
        Map<Long, Long> out = new TreeMap<>();
        segments.forEach((n, s) -> out.put(n, s.bytes));
        return out;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (writer != null) {
                writer.flush();
                try (FileChannel ch = FileChannel.open(writing.path, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                sealWriter();
            }
        } finally {
            try {
                lock.release();
            } finally {
                lockChannel.close();
            }
        }
    }
}
