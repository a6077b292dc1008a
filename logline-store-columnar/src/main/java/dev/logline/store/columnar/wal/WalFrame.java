package dev.logline.store.columnar.wal;

import dev.logline.store.columnar.encoding.AtRestEncryption;
import dev.logline.store.columnar.encoding.ByteReader;
import dev.logline.store.columnar.encoding.ByteSink;
import dev.logline.store.columnar.encoding.CorruptDataException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * One write-ahead-log record: the events of one {@code write} call for one tenant, as event records
 * ({@code EventRecord}).
 *
 * <p>On disk a frame is {@code magic(4) length(4) crc32c(4) payload(length)}; the payload is
 * {@code seq:int64 body}, the body {@code tenant:varint-length+UTF-8 count:varint (length:int32 record)*}. The magic
 * ("LLW2"; the Lucene store's JSON frames were "LLW1") lets recovery find the next frame after a corrupt one; the
 * CRC32C covers the payload. A frame whose body is sealed ({@code AtRestEncryption}) has the magic "LLWE" and the
 * sealed bytes in place of the body.
 *
 * @param seq  the frame's sequence number, strictly increasing through the log
 * @param body the tenant and the records, as {@link #body} made them
 */
public record WalFrame(long seq, byte[] body) {

    static final int MAGIC = 0x4C4C5732; // "LLW2"
    static final int SEALED_MAGIC = 0x4C4C5745; // "LLWE"
    /** The Lucene store's frame magic: a log holding these was written by the old store. */
    public static final int LUCENE_MAGIC = 0x4C4C5731; // "LLW1"
    static final int HEADER_BYTES = 12;
    /** Larger lengths are treated as corruption rather than allocated. */
    static final int MAX_PAYLOAD_BYTES = 256 << 20;

    /** Starts a frame body in {@code out}: the tenant and the record count; then {@link #beginRecord} per record. */
    public static void beginBody(ByteSink out, String tenant, int count) {
        out.writeString(tenant);
        out.writeVarInt(count);
    }

    /** Reserves a record's length; write the record, then {@link #endRecord} with the returned position. */
    public static int beginRecord(ByteSink out) {
        int at = out.size();
        out.writeIntLE(0);
        return at;
    }

    public static void endRecord(ByteSink out, int at) {
        out.setIntLE(at, out.size() - at - 4);
    }

    /** The tenant a body names. */
    public static String tenant(byte[] body) {
        return new ByteReader(body).readString();
    }

    /** Calls the visitor with each record of a body: the body array, the record's offset and length, its index. */
    public static void forEachRecord(byte[] body, RecordVisitor visitor) {
        ByteReader r = new ByteReader(body);
        r.skipString();
        int count = r.readVarInt();
        for (int i = 0; i < count; i++) {
            int len = r.readIntLE();
            if (len < 0) {
                throw new CorruptDataException("record length " + len + " in a WAL frame");
            }
            int off = r.position();
            r.skip(len);
            visitor.record(body, off, len, i);
        }
        if (r.hasRemaining()) {
            throw new CorruptDataException(r.remaining() + " bytes after the last record of a WAL frame");
        }
    }

    /** Receives the records of a frame. */
    @FunctionalInterface
    public interface RecordVisitor {
        void record(byte[] body, int offset, int length, int index);
    }

    /** A frame with header, ready to append: {@code stored} is the body, sealed when {@code sealed}. */
    static ByteBuffer encode(long seq, byte[] stored, boolean sealed) {
        int payload = 8 + stored.length;
        if (payload > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a write of " + payload + " bytes exceeds the WAL frame limit of "
                    + MAX_PAYLOAD_BYTES + " bytes; send smaller batches");
        }
        ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + payload);
        buf.position(HEADER_BYTES);
        buf.putLong(seq);
        buf.put(stored);
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), HEADER_BYTES, payload);
        buf.putInt(0, sealed ? SEALED_MAGIC : MAGIC);
        buf.putInt(4, payload);
        buf.putInt(8, (int) crc.getValue());
        buf.position(0);
        return buf;
    }

    /** Whether {@code length} payload bytes at {@code offset} carry the checksum {@code expectedCrc}. */
    static boolean checksumMatches(byte[] data, int offset, int length, int expectedCrc) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        return (int) crc.getValue() == expectedCrc;
    }

    /** Reads a payload whose checksum already matched; a sealed body is opened. */
    static WalFrame decodePayload(byte[] data, int offset, int length, boolean sealed, AtRestEncryption encryption) {
        long seq = ByteBuffer.wrap(data, offset, 8).getLong();
        byte[] body = sealed
                ? encryption.open(data, offset + 8, length - 8, AtRestEncryption.Purpose.WAL, "WAL frame " + seq)
                : java.util.Arrays.copyOfRange(data, offset + 8, offset + length);
        return new WalFrame(seq, body);
    }

    @Override
    public String toString() {
        return "WalFrame[seq=" + seq + ", tenant=" + new String(body, 1, Math.min(body.length - 1, body[0] & 0x7F),
                StandardCharsets.UTF_8) + "]";
    }
}
