package dev.logline.server.ingest;

import com.github.luben.zstd.ZstdInputStream;
import org.xerial.snappy.Snappy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Undoes a request's {@code Content-Encoding} (gzip, deflate, zstd, snappy, identity, or several stacked) and never
 * inflates past a byte cap, so a small compressed bomb cannot take the heap.
 *
 * <p>A body over the cap is a {@link RequestTooLargeException} (413); an unknown encoding or a corrupt body is a
 * {@link BadRequestException} (400). Both are {@link IllegalArgumentException}s: the body is the sender's
 * problem, never a server error.
 */
public final class BodyDecompressor {

    private BodyDecompressor() {
    }

    /**
     * The decoded body.
     *
     * @param contentEncoding the header value: {@code null}, empty, {@code identity}, {@code gzip}, {@code x-gzip},
     *                        {@code deflate} (zlib-wrapped or raw), {@code zstd}, {@code snappy}, or a
     *                        comma-separated list of them in the order they were applied
     * @throws RequestTooLargeException when the decoded body would pass {@code maxBytes}
     * @throws BadRequestException      for an unknown encoding or a corrupt compressed body
     */
    public static byte[] decode(String contentEncoding, byte[] body, long maxBytes) {
        byte[] data = body;
        if (contentEncoding != null && !contentEncoding.isBlank()) {
            String[] codings = contentEncoding.split(",");
            // Codings are listed in the order they were applied, so they are undone from last to first.
            for (int i = codings.length - 1; i >= 0; i--) {
                data = decodeOne(codings[i].trim().toLowerCase(Locale.ROOT), data, maxBytes);
            }
        }
        if (data.length > maxBytes) {
            throw new RequestTooLargeException(maxBytes);
        }
        return data;
    }

    /**
     * Decodes a snappy block (not the framed stream format), as Loki's protobuf push sends it.
     *
     * @throws RequestTooLargeException when the block's declared length passes {@code maxBytes}
     * @throws BadRequestException      when the block is corrupt
     */
    public static byte[] unsnappy(byte[] block, long maxBytes) {
        try {
            if (!Snappy.isValidCompressedBuffer(block)) {
                throw new BadRequestException("the body is not a valid snappy block");
            }
            int length = Snappy.uncompressedLength(block);
            if (length < 0 || length > maxBytes) {
                throw new RequestTooLargeException(maxBytes);
            }
            return Snappy.uncompress(block);
        } catch (IOException e) {
            throw new BadRequestException("the body is not a valid snappy block: " + e.getMessage(), e);
        }
    }

    private static byte[] decodeOne(String coding, byte[] data, long maxBytes) {
        if (coding.isEmpty() || coding.equals("identity")) {
            return data;
        }
        if (coding.equals("snappy")) {
            return unsnappy(data, maxBytes);
        }
        try (InputStream in = open(coding, data)) {
            return readCapped(in, maxBytes);
        } catch (EOFException e) {
            throw new BadRequestException("the body is a truncated " + coding + " stream", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw (IllegalArgumentException) e; // already says too large or unsupported
            }
            throw new BadRequestException("the body is not valid " + coding + " data: " + e.getMessage(), e);
        }
    }

    private static InputStream open(String coding, byte[] data) throws IOException {
        switch (coding) {
            case "gzip":
            case "x-gzip":
                return new GZIPInputStream(new ByteArrayInputStream(data), 8192);
            case "deflate":
                return inflating(data);
            case "zstd":
                return new ZstdInputStream(new ByteArrayInputStream(data));
            default:
                throw new BadRequestException("unsupported Content-Encoding '" + coding
                        + "'; use gzip, deflate, zstd, snappy or none");
        }
    }

    /** RFC 9110 says "deflate" is zlib-wrapped, yet some senders send raw deflate: a zlib header has CMF 0x78. */
    private static InputStream inflating(byte[] data) {
        boolean zlib = data.length >= 2 && (data[0] & 0x0F) == 8 && (((data[0] & 0xFF) << 8) | (data[1] & 0xFF)) % 31 == 0;
        Inflater inflater = new Inflater(!zlib);
        return new InflaterInputStream(new ByteArrayInputStream(data), inflater, 8192) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    inflater.end(); // a caller-supplied Inflater is not ended by the stream itself
                }
            }
        };
    }

    private static byte[] readCapped(InputStream in, long maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buf = new byte[16384];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > maxBytes) {
                throw new RequestTooLargeException(maxBytes);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
