package dev.logline.cli.ship;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells a binary file (an archive, an image, a compressed log) from a text log before it is shipped: text logs hold
 * no NUL byte, and git and grep decide the same way. Shipping one line per chunk of binary would send hundreds of
 * garbage events that every query then prints.
 */
final class BinaryFiles {

    /** How much of the file's start is looked at. */
    static final int SNIFF_BYTES = 8_192;

    private BinaryFiles() {
    }

    /** Whether the first {@value #SNIFF_BYTES} bytes hold a NUL byte. */
    static boolean looksBinary(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
