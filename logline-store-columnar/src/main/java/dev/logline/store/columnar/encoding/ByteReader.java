package dev.logline.store.columnar.encoding;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link ByteSink} wrote, from a byte array slice. Every read checks bounds and throws
 * {@link CorruptDataException} instead of reading past the slice, so damaged input fails with a clear error.
 *
 * @lucene.internal
 */
public final class ByteReader {

    private final byte[] buf;
    private final int end;
    private int pos;

    public ByteReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new CorruptDataException("slice " + offset + "+" + length + " outside " + buf.length + " bytes");
        }
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    public ByteReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public int position() {
        return pos;
    }

    public void position(int p) {
        if (p < 0 || p > end) {
            throw new CorruptDataException("position " + p + " outside the slice");
        }
        pos = p;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    public byte[] array() {
        return buf;
    }

    private void need(int n) {
        if (n < 0 || end - pos < n) {
            throw new CorruptDataException("truncated data: need " + n + " bytes at " + pos + ", have " + (end - pos));
        }
    }

    public int readByte() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    public void skip(int n) {
        need(n);
        pos += n;
    }

    public int readIntLE() {
        need(4);
        int v = LittleEndian.getInt(buf, pos);
        pos += 4;
        return v;
    }

    public long readLongLE() {
        need(8);
        long v = LittleEndian.getLong(buf, pos);
        pos += 8;
        return v;
    }

    public long readVarLong() {
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            need(1);
            byte b = buf[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new CorruptDataException("varint longer than 10 bytes at " + pos);
    }

    /** A varint that must fit a non-negative int (a length or a count). */
    public int readVarInt() {
        long v = readVarLong();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new CorruptDataException("count " + v + " out of range at " + pos);
        }
        return (int) v;
    }

    public long readZigZag() {
        long v = readVarLong();
        return (v >>> 1) ^ -(v & 1);
    }

    public String readString() {
        int n = readVarInt();
        need(n);
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    public String readNullableString() {
        int n = readVarInt();
        if (n == 0) {
            return null;
        }
        need(n - 1);
        String s = new String(buf, pos, n - 1, StandardCharsets.UTF_8);
        pos += n - 1;
        return s;
    }

    /** Skips a varint-length-prefixed string and returns its byte length; its bytes end at {@link #position()}. */
    public int skipString() {
        int n = readVarInt();
        need(n);
        pos += n;
        return n;
    }

    public byte[] readBytes(int n) {
        need(n);
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        pos += n;
        return b;
    }
}
