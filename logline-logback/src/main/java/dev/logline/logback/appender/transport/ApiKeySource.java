package dev.logline.logback.appender.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * Where the appender's API key comes from, read before every request so a new key takes effect without a restart:
 * the {@code apiKey} setting (which the application may change while the appender runs), or the first line of
 * {@code apiKeyFile}, read again whenever the file changes (a mounted secret, a file an operator rewrites). The file,
 * when set and readable, wins.
 *
 * <p>Thread-safe: the application sets the key, the sender thread reads it.
 */
public final class ApiKeySource {

    private final Path file;
    private volatile String configured;
    private volatile String fromFile;
    private volatile FileTime fileStamp;
    private volatile long fileSize = -1;

    /**
     * @param configured the key from the settings, or {@code null}
     * @param file       a file whose first line is the key, or {@code null}
     */
    public ApiKeySource(String configured, Path file) {
        this.configured = blankToNull(configured);
        this.file = file;
    }

    /** A source of a fixed key (or none). */
    public static ApiKeySource of(String key) {
        return new ApiKeySource(key, null);
    }

    /** Replaces the configured key; the next request sends it. */
    public void set(String key) {
        configured = blankToNull(key);
    }

    /** The key to send now, or {@code null} for none. */
    public String current() {
        if (file != null) {
            reloadIfChanged();
            String k = fromFile;
            if (k != null) {
                return k;
            }
        }
        return configured;
    }

    /** The key file, or {@code null}. */
    public Path file() {
        return file;
    }

    private void reloadIfChanged() {
        try {
            FileTime stamp = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (stamp.equals(fileStamp) && size == fileSize) {
                return;
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int eol = text.indexOf('\n');
            fromFile = blankToNull(eol < 0 ? text : text.substring(0, eol));
            fileStamp = stamp;
            fileSize = size;
        } catch (IOException | RuntimeException e) {
            // Missing or unreadable (not written yet, being replaced): the configured key stands in.
            fromFile = null;
            fileStamp = null;
            fileSize = -1;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
