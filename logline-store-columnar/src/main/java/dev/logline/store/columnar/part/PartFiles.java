package dev.logline.store.columnar.part;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The names of the files in a partition folder: {@code <id>.part} (16 hex digits, increasing), {@code <id>.part.tmp}
 * while being written, {@code <id>.part.corrupt} once a checksum failed.
 *
 * @lucene.internal
 */
public final class PartFiles {

    public static final String SUFFIX = ".part";
    public static final String TMP_SUFFIX = ".part.tmp";
    public static final String CORRUPT_SUFFIX = ".part.corrupt";
    /** First bytes of every part file: "LLPART01". */
    static final long MAGIC = 0x3130545241504c4cL;

    private PartFiles() {
    }

    public static String name(long partId) {
        return String.format("%016x", partId) + SUFFIX;
    }

    /** The id of a part file's name, or -1 when the name is no part's. */
    public static long idOf(String fileName) {
        if (!fileName.endsWith(SUFFIX) || fileName.length() != 16 + SUFFIX.length()) {
            return -1;
        }
        try {
            return Long.parseUnsignedLong(fileName.substring(0, 16), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Makes a directory entry (a new or renamed file in it) durable; a no-op where directories cannot be opened. */
    public static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some platforms cannot open directories; the file data itself is still fsync'd.
        }
    }
}
