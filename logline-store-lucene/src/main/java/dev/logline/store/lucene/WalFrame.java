package dev.logline.store.lucene;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One write-ahead-log record: the events of one {@code write} call for one tenant, as their JSON bytes.
 *
 * <p>On disk a frame is {@code magic(4) length(4) crc32c(4) payload(length)}; the payload is
 * {@code seq(8) tenantLength(2) tenant count(4) (eventLength(4) eventJson)*}. The magic lets recovery find the
 * next frame after a corrupt one; the CRC32C covers the payload.
 *
 * @param seq       the frame's sequence number, strictly increasing through the log
 * @param tenant    the tenant the events belong to
 * @param eventJson each event as {@code LogEventJson.toJsonBytes}
 */
record WalFrame(long seq, String tenant, List<byte[]> eventJson) {

    static final int MAGIC = 0x4C4C5731; // "LLW1"
    static final int HEADER_BYTES = 12;
    /** Larger lengths are treated as corruption rather than allocated. */
    static final int MAX_PAYLOAD_BYTES = 256 << 20;

    /** The frame with header, ready to append. */
    ByteBuffer encode() {
        byte[] tenantBytes = tenant.getBytes(StandardCharsets.UTF_8);
        int payload = 8 + 2 + tenantBytes.length + 4;
        for (byte[] e : eventJson) {
            payload += 4 + e.length;
        }
        if (payload > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a write of " + payload + " bytes exceeds the WAL frame limit of "
                    + MAX_PAYLOAD_BYTES + " bytes; send smaller batches");
        }
        ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + payload);
        buf.position(HEADER_BYTES);
        buf.putLong(seq);
        buf.putShort((short) tenantBytes.length);
        buf.put(tenantBytes);
        buf.putInt(eventJson.size());
        for (byte[] e : eventJson) {
            buf.putInt(e.length);
            buf.put(e);
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), HEADER_BYTES, payload);
        buf.putInt(0, MAGIC);
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

    /** Reads a payload whose checksum already matched. */
    static WalFrame decodePayload(byte[] data, int offset, int length) {
        ByteBuffer buf = ByteBuffer.wrap(data, offset, length);
        long seq = buf.getLong();
        int tenantLength = Short.toUnsignedInt(buf.getShort());
        String tenant = new String(data, buf.position(), tenantLength, StandardCharsets.UTF_8);
        buf.position(buf.position() + tenantLength);
        int count = buf.getInt();
        List<byte[]> events = new ArrayList<>(Math.min(count, 1 << 16));
        for (int i = 0; i < count; i++) {
            byte[] e = new byte[buf.getInt()];
            buf.get(e);
            events.add(e);
        }
        return new WalFrame(seq, tenant, events);
    }
}
