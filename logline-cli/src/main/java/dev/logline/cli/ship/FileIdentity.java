package dev.logline.cli.ship;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * What makes a file the same file across renames: its device and inode on Unix, the file key elsewhere, the path
 * as the last resort. Offsets are remembered under this key so a rotated (renamed) file keeps its position.
 */
public record FileIdentity(String key) {

    /** Reads the identity of the file {@code path} points at now. */
    public static FileIdentity of(Path path) throws IOException {
        try {
            Map<String, Object> unix = Files.readAttributes(path, "unix:dev,ino");
            return new FileIdentity("dev=" + unix.get("dev") + ",ino=" + unix.get("ino"));
        } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
            // Not a Unix file system view (e.g. Windows): the platform's file key still survives a rename.
            Object fileKey = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return new FileIdentity(fileKey != null ? fileKey.toString() : "path=" + path.toAbsolutePath().normalize());
        }
    }

    @Override
    public String toString() {
        return key;
    }
}
