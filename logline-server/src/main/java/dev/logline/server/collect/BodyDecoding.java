package dev.logline.server.collect;

import com.github.luben.zstd.ZstdInputStream;
import org.xerial.snappy.Snappy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Undoes the {@code Content-Encoding} of a request body (gzip, deflate, zstd, snappy), never growing it past a
 * limit, so a small compressed body cannot expand into unbounded memory.
 *
 * <p>Every failure is an {@link IllegalArgumentException} whose message the collectors hand back to the sender
 * as a 400: a corrupt or oversized body is the sender's problem, never a server error.
 */
public final class BodyDecoding {

    /** The default bound on a decompressed body, in bytes. */
    public static final int DEFAULT_MAX_DECODED_BYTES = 64 * 1024 * 1024;

    private BodyDecoding() {
    }

    /**
     * Decodes a body.
     *
     * @param contentEncoding the header value ({@code null}, {@code identity}, {@code gzip}, {@code x-gzip},
     *                        {@code deflate}, {@code zstd}, {@code snappy}, or a comma-separated list of them
     *                        in the order they were applied)
     * @param body            the raw body
     * @param maxDecodedBytes the largest decoded body accepted
     * @throws IllegalArgumentException when the encoding is unknown, the body is corrupt or decodes past the limit
     */
    public static byte[] decode(String contentEncoding, byte[] body, int maxDecodedBytes) {
        if (contentEncoding == null || contentEncoding.isBlank()) {
            return checkSize(body, maxDecodedBytes);
        }
        String[] codings = contentEncoding.split(",");
        byte[] data = body;
        // Codings are listed in the order they were applied, so they are undone from last to first.
        for (int i = codings.length - 1; i >= 0; i--) {
            data = decodeOne(codings[i].trim().toLowerCase(Locale.ROOT), data, maxDecodedBytes);
        }
        return checkSize(data, maxDecodedBytes);
    }

    private static byte[] decodeOne(String coding, byte[] data, int max) {
        try {
            switch (coding) {
                case "":
                case "identity":
                    return data;
                case "gzip":
                case "x-gzip":
                    return readBounded(new GZIPInputStream(new ByteArrayInputStream(data)), max, coding);
                case "deflate":
                    return inflate(data, max);
                case "zstd":
                    return readBounded(new ZstdInputStream(new ByteArrayInputStream(data)), max, coding);
                case "snappy":
                    return unsnappy(data, max);
                default:
                    throw new IllegalArgumentException("unsupported Content-Encoding '" + coding
                            + "': use gzip, deflate, zstd or snappy");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw (IllegalArgumentException) e;
            }
            throw new IllegalArgumentException("body is not valid " + coding + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes a snappy block (not the framed stream format), as Loki's protobuf push sends it.
     *
     * @throws IllegalArgumentException when the block is corrupt or its declared length exceeds the limit
     */
    public static byte[] unsnappy(byte[] block, int maxDecodedBytes) {
        try {
            if (!Snappy.isValidCompressedBuffer(block)) {
                throw new IllegalArgumentException("body is not a valid snappy block");
            }
            int length = Snappy.uncompressedLength(block);
            if (length < 0 || length > maxDecodedBytes) {
                throw tooLarge(maxDecodedBytes);
            }
            return Snappy.uncompress(block);
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not a valid snappy block: " + e.getMessage(), e);
        }
    }

    /** HTTP's "deflate" is zlib-wrapped, but some senders send a raw deflate stream; both are accepted. */
    private static byte[] inflate(byte[] data, int max) throws IOException {
        boolean zlib = data.length >= 2 && (data[0] & 0x0F) == 8 && (((data[0] & 0xFF) << 8) | (data[1] & 0xFF)) % 31 == 0;
        Inflater inflater = new Inflater(!zlib);
        try {
            return readBounded(new InflaterInputStream(new ByteArrayInputStream(data), inflater), max, "deflate");
        } finally {
            inflater.end();
        }
    }

    private static byte[] readBounded(InputStream in, int max, String coding) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > max) {
                    throw tooLarge(max);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException("body is a truncated " + coding + " stream", e);
        }
    }

    private static byte[] checkSize(byte[] data, int max) {
        if (data.length > max) {
            throw tooLarge(max);
        }
        return data;
    }

    private static IllegalArgumentException tooLarge(int max) {
        return new IllegalArgumentException("body exceeds " + max + " bytes once decompressed: send smaller batches");
    }
}
