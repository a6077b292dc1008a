package dev.logline.logback.appender.spool;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk frame of one spooled event: a 4-byte big-endian payload length, the payload's 4-byte CRC32C, then
 * the payload (the event's JSON line). A frame that fails either check marks the rest of its file as unreadable.
 */
public final class SpoolFrame {

    /** Bytes before the payload. */
    public static final int HEADER_BYTES = 8;

    /** Largest payload accepted when reading; a larger length can only come from a corrupt header. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

    private SpoolFrame() {
    }

    /** The header for a payload. */
    public static byte[] header(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload, 0, payload.length);
        return ByteBuffer.allocate(HEADER_BYTES).putInt(payload.length).putInt((int) crc.getValue()).array();
    }

    /**
     * Reads the frame at {@code offset} of a whole file's bytes.
     *
     * @return the payload, or {@code null} when the frame is truncated or its checksum does not match
     */
    public static byte[] read(byte[] file, int offset) {
        if (file.length - offset < HEADER_BYTES) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(file, offset, HEADER_BYTES);
        int length = b.getInt();
        int expected = b.getInt();
        if (length <= 0 || length > MAX_PAYLOAD_BYTES || length > file.length - offset - HEADER_BYTES) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(file, offset + HEADER_BYTES, length);
        if ((int) crc.getValue() != expected) {
            return null;
        }
        byte[] payload = new byte[length];
        System.arraycopy(file, offset + HEADER_BYTES, payload, 0, length);
        return payload;
    }
}
