package dev.logline.store.columnar.encoding;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer with the primitive writes every on-disk structure of the store uses: little-endian fixed
 * widths, LEB128 varints (zig-zag for signed values) and length-prefixed UTF-8. Reused by clearing, never shrunk.
 *
 * @lucene.internal
 */
public final class ByteSink {

    private byte[] buf;
    private int size;

    public ByteSink(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public ByteSink() {
        this(256);
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    /** The backing array; valid up to {@link #size()} until the next write. */
    public byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Ensures room for {@code n} more bytes. */
    public void reserve(int n) {
        int need = size + n;
        if (need > buf.length) {
            if (need < 0) {
                throw new IllegalStateException("buffer over 2 GiB");
            }
            buf = Arrays.copyOf(buf, Math.max(need, buf.length + (buf.length >> 1)));
        }
    }

    /** Sets the size back (or forward within what was written), e.g. to drop a partial record. */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("size " + newSize + " outside 0.." + size);
        }
        size = newSize;
    }

    public void writeByte(int b) {
        reserve(1);
        buf[size++] = (byte) b;
    }

    public void writeBytes(byte[] b) {
        writeBytes(b, 0, b.length);
    }

    public void writeBytes(byte[] b, int off, int len) {
        reserve(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    public void writeIntLE(int v) {
        reserve(4);
        LittleEndian.putInt(buf, size, v);
        size += 4;
    }

    public void writeLongLE(long v) {
        reserve(8);
        LittleEndian.putLong(buf, size, v);
        size += 8;
    }

    /** Overwrites 4 bytes at {@code pos} (little-endian), e.g. a length written after its content. */
    public void setIntLE(int pos, int v) {
        buf[pos] = (byte) v;
        buf[pos + 1] = (byte) (v >>> 8);
        buf[pos + 2] = (byte) (v >>> 16);
        buf[pos + 3] = (byte) (v >>> 24);
    }

    /** An unsigned LEB128 varint (1 to 10 bytes). */
    public void writeVarLong(long v) {
        reserve(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    public void writeVarInt(int v) {
        writeVarLong(v & 0xFFFFFFFFL);
    }

    /** A signed value as a zig-zag varint, so small magnitudes of either sign stay short. */
    public void writeZigZag(long v) {
        writeVarLong((v << 1) ^ (v >> 63));
    }

    /** A string as varint byte length + UTF-8. */
    public void writeString(String s) {
        // String.getBytes(UTF_8) copies a Latin-1 ASCII string's bytes with an intrinsic check; no per-char loop.
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeVarInt(b.length);
        writeBytes(b);
    }

    /** A string as varint (byte length + 1), with 0 for {@code null}. */
    public void writeNullableString(String s) {
        if (s == null) {
            writeByte(0);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeVarInt(b.length + 1);
        writeBytes(b);
    }
}
