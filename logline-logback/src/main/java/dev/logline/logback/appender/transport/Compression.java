package dev.logline.logback.appender.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/** How a request body is compressed, and the {@code Content-Encoding} that says so. */
public enum Compression {
    GZIP("gzip"),
    /** Needs {@code com.github.luben:zstd-jni} on the classpath ({@link #isAvailable()}). */
    ZSTD("zstd"),
    NONE(null);

    private final String contentEncoding;

    Compression(String contentEncoding) {
        this.contentEncoding = contentEncoding;
    }

    /** The value for a setting's text ({@code gzip}, {@code zstd}, {@code none}), or {@code null}. */
    public static Compression fromSettingName(String text) {
        if (text == null) {
            return null;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The {@code Content-Encoding} header value, or {@code null} for none. */
    public String contentEncoding() {
        return contentEncoding;
    }

    /** Whether the codec's library is present. */
    public boolean isAvailable() {
        if (this != ZSTD) {
            return true;
        }
        try {
            Class.forName("com.github.luben.zstd.Zstd", false, Compression.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The compressed body. */
    public byte[] compress(byte[] body) {
        switch (this) {
            case GZIP:
                ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
                try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
                    gz.write(body);
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // in-memory streams do not fail
                }
                return out.toByteArray();
            case ZSTD:
                return ZstdCodec.compress(body);
            default:
                return body;
        }
    }
}
