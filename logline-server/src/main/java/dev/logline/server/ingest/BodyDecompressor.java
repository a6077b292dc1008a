package dev.logline.server.ingest;

import com.github.luben.zstd.ZstdInputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Undoes a request's {@code Content-Encoding} (gzip, deflate, zstd or identity) and never inflates past a byte
 * cap, so a small compressed bomb cannot take the heap.
 */
public final class BodyDecompressor {

    private BodyDecompressor() {
    }

    /**
     * The decoded body.
     *
     * @param contentEncoding the header value, {@code null} or empty for identity
     * @throws RequestTooLargeException when the decoded body would pass {@code maxBytes}
     * @throws BadRequestException      for an unknown encoding or a corrupt compressed body
     */
    public static byte[] decode(String contentEncoding, byte[] body, long maxBytes) {
        String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (encoding.isEmpty() || encoding.equals("identity")) {
            if (body.length > maxBytes) {
                throw new RequestTooLargeException(maxBytes);
            }
            return body;
        }
        try (InputStream in = open(encoding, body)) {
            return readCapped(in, maxBytes);
        } catch (IOException | RuntimeException e) {
            if (e instanceof RequestTooLargeException || e instanceof BadRequestException) {
                throw (RuntimeException) e;
            }
            throw new BadRequestException("the body is not valid " + encoding + " data: " + e.getMessage(), e);
        }
    }

    private static InputStream open(String encoding, byte[] body) throws IOException {
        switch (encoding) {
            case "gzip":
            case "x-gzip":
                return new GZIPInputStream(new ByteArrayInputStream(body), 8192);
            case "deflate":
                // RFC 9110 says zlib-wrapped, yet some senders send raw deflate: a zlib header has CMF 0x78.
                boolean zlib = body.length > 0 && (body[0] & 0x0F) == 8 && ((body[0] & 0xFF) << 8 | (body.length > 1 ? body[1] & 0xFF : 0)) % 31 == 0;
                Inflater inflater = new Inflater(!zlib);
                return new InflaterInputStream(new ByteArrayInputStream(body), inflater, 8192) {
                    @Override
                    public void close() throws IOException {
                        try {
                            super.close();
                        } finally {
                            inflater.end(); // a caller-supplied Inflater is not ended by the stream itself
                        }
                    }
                };
            case "zstd":
                return new ZstdInputStream(new ByteArrayInputStream(body));
            default:
                throw new BadRequestException("unsupported Content-Encoding '" + encoding
                        + "'; use gzip, deflate, zstd or none");
        }
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
