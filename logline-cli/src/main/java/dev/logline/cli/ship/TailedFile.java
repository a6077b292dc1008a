package dev.logline.cli.ship;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One followed file: an open channel (so a renamed or deleted file can still be read to its end), the position up to
 * which its lines have been turned into events, and the offset the server has acknowledged.
 *
 * <p>Lifecycle: {@link FileShipper} opens it when a scan first finds the file, marks it {@linkplain #setDetached
 * detached} when its path no longer leads to it (rotated by rename, deleted), and closes it once a detached file is
 * read to its end and everything read from it is acknowledged.
 */
public final class TailedFile implements AutoCloseable {

    /** Bytes read per call; a line longer than {@link #MAX_LINE_BYTES} is cut there. */
    private static final int CHUNK_BYTES = 64 * 1024;
    static final int MAX_LINE_BYTES = 1024 * 1024;

    private final FileIdentity identity;
    private final FileChannel channel;
    private final EventAssembler assembler;
    private Path path;
    private long readPosition;
    private long committedOffset;
    private long emittedEnd;
    private long lastChangeNanos = System.nanoTime();
    private long lastSize = -1;
    private long lines;
    private boolean detached;
    private boolean truncated;

    private TailedFile(FileIdentity identity, Path path, FileChannel channel, long offset,
                       ShipFormat format, ContinuationRule continuation, String service) {
        this.identity = identity;
        this.path = path;
        this.channel = channel;
        this.readPosition = offset;
        this.committedOffset = offset;
        this.emittedEnd = offset;
        this.assembler = new EventAssembler(this, format, continuation, new PlainLineEvent(path.toString(), service));
    }

    /**
     * Opens {@code path} to continue at {@code savedOffset}; an offset past the end means the file was truncated
     * (copytruncate) since it was saved, so reading starts over at 0.
     */
    static TailedFile open(FileIdentity identity, Path path, long savedOffset, ShipFormat format,
                           ContinuationRule continuation, String service) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        long offset = savedOffset <= channel.size() ? savedOffset : 0;
        return new TailedFile(identity, path, channel, offset, format, continuation, service);
    }

    /**
     * Reads complete lines after the read position into events until {@code out} holds {@code limit} events or the
     * end is reached.
     *
     * @param finalRead also take an unterminated last line and the pending multi-line event: the file is complete
     * @return whether the file was read to its end
     * @throws IOException when the file cannot be read
     */
    boolean read(List<FileEvent> out, int limit, boolean finalRead) throws IOException {
        long size = channel.size();
        if (size != lastSize) {
            lastSize = size;
            lastChangeNanos = System.nanoTime();
        }
        if (size < readPosition) {
            // copytruncate: the writer's file was cut under us; everything now in it is new.
            readPosition = 0;
            committedOffset = 0;
            emittedEnd = 0;
            assembler.reset();
            truncated = true;
        }
        int chunk = CHUNK_BYTES;
        while (out.size() < limit && readPosition < size) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(chunk, size - readPosition));
            while (buffer.hasRemaining() && channel.read(buffer, readPosition + buffer.position()) > 0) {
                // fill the buffer; a short read only happens at the end of the file
            }
            byte[] bytes = buffer.array();
            int n = buffer.position();
            int lineStart = 0;
            for (int i = 0; i < n && out.size() < limit; i++) {
                if (bytes[i] == '\n') {
                    takeLine(bytes, lineStart, i, i + 1, out);
                    lineStart = i + 1;
                }
            }
            if (lineStart == 0 && out.size() < limit) {
                boolean atEnd = readPosition + n >= size;
                if (n >= MAX_LINE_BYTES || (atEnd && finalRead)) {
                    // A line without end: cut at the limit, or the complete file's last line without a newline.
                    takeLine(bytes, 0, n, n, out);
                    lineStart = n;
                } else if (!atEnd) {
                    chunk = Math.min(chunk * 2, MAX_LINE_BYTES);
                    continue;
                } else {
                    break; // the writer has not finished this line yet
                }
            }
            readPosition += lineStart;
            chunk = CHUNK_BYTES;
        }
        boolean atEnd = readPosition >= size;
        if (atEnd && finalRead) {
            assembler.flush(out);
            noteEmitted(out);
        }
        return atEnd;
    }

    private void takeLine(byte[] bytes, int from, int to, int next, List<FileEvent> out) {
        int stop = to > from && bytes[to - 1] == '\r' ? to - 1 : to;
        String text = new String(bytes, from, stop - from, StandardCharsets.UTF_8);
        int before = out.size();
        assembler.line(text, readPosition + from, readPosition + next, out);
        lines++;
        if (out.size() > before) {
            noteEmitted(out);
        }
    }

    private void noteEmitted(List<FileEvent> out) {
        if (!out.isEmpty() && out.get(out.size() - 1).file() == this) {
            emittedEnd = Math.max(emittedEnd, out.get(out.size() - 1).endOffset());
        }
    }

    /** Emits a pending multi-line event once the file has not changed for {@code quietNanos}: no more lines came. */
    void flushIfQuiet(List<FileEvent> out, long quietNanos) {
        if (assembler.hasPending() && System.nanoTime() - lastChangeNanos >= quietNanos) {
            assembler.flush(out);
            noteEmitted(out);
        }
    }

    /** Records that the server acknowledged the events of this file up to {@code endOffset}. */
    void acknowledge(long endOffset) {
        committedOffset = Math.max(committedOffset, endOffset);
    }

    /** Whether the path still leads to this file; when not (rotated, deleted), read what is left, then let it go. */
    void setDetached(boolean detached) {
        this.detached = detached;
    }

    /** Whether the last reads found the file cut shorter (copytruncate); asking clears it. */
    boolean takeTruncation() {
        boolean t = truncated;
        truncated = false;
        return t;
    }

    /** Whether the file has not changed size for {@code quietNanos}. */
    boolean isQuiet(long quietNanos) {
        return System.nanoTime() - lastChangeNanos >= quietNanos;
    }

    boolean isDetached() {
        return detached;
    }

    /**
     * A detached file is finished once it is read to its end, nothing read from it awaits an acknowledgement, and it
     * has stopped growing for {@code quietNanos} (a writer may append briefly after the rename).
     */
    boolean isFinished(long quietNanos) throws IOException {
        return detached && !assembler.hasPending() && readPosition >= channel.size()
                && committedOffset >= emittedEnd && System.nanoTime() - lastChangeNanos >= quietNanos;
    }

    void movedTo(Path newPath) {
        this.path = newPath;
    }

    public FileIdentity identity() {
        return identity;
    }

    public Path path() {
        return path;
    }

    /** The offset the server has acknowledged: where a restart continues. */
    public long committedOffset() {
        return committedOffset;
    }

    /** Lines read so far (including blank ones and continuation lines). */
    public long lines() {
        return lines;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
