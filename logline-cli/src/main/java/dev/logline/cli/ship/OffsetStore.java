package dev.logline.cli.ship;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The shipper's state directory: {@code offsets.json} holds the acknowledged offset of every file, replaced atomically
 * (written to a temporary file, flushed, renamed over the old one) so a crash leaves either the old or the new state,
 * never a torn one. {@code ship.lock} keeps a second shipper off the same directory while this one is open.
 */
public final class OffsetStore implements AutoCloseable {

    static final String OFFSETS_FILE = "offsets.json";
    static final String LOCK_FILE = "ship.lock";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private OffsetStore(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating) the state directory and takes its lock.
     *
     * @throws StateDirectoryInUseException when another shipper holds the directory
     */
    public static OffsetStore open(Path dir) throws IOException {
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = null;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException inThisJvm) {
            // Another shipper in this process holds it; same answer as another process.
        }
        if (lock == null) {
            channel.close();
            throw new StateDirectoryInUseException(dir);
        }
        return new OffsetStore(dir, channel, lock);
    }

    /** The offsets saved by the last run; empty when there was none. */
    public List<SavedOffset> load() throws IOException {
        Path file = dir.resolve(OFFSETS_FILE);
        List<SavedOffset> offsets = new ArrayList<>();
        if (!Files.exists(file)) {
            return offsets;
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("the ship state " + file + " is unreadable (" + e.getMessage()
                    + "); move it away to start over from the beginning of every file", e);
        }
        for (JsonNode f : root.path("files")) {
            offsets.add(new SavedOffset(new FileIdentity(f.path("identity").asText()), f.path("path").asText(),
                    f.path("offset").asLong()));
        }
        return offsets;
    }

    /** Replaces the saved offsets with {@code offsets}, durably. */
    public void save(Collection<SavedOffset> offsets) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ArrayNode files = root.putArray("files");
        for (SavedOffset o : offsets) {
            files.addObject().put("identity", o.identity().key()).put("path", o.path()).put("offset", o.offset());
        }
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        Path target = dir.resolve(OFFSETS_FILE);
        Path temp = dir.resolve(OFFSETS_FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory();
    }

    /** Makes the rename itself durable; file systems that cannot open a directory are left to their own timing. */
    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | RuntimeException notSupported) {
            // Windows cannot open a directory as a channel; its rename is already as durable as it gets there.
        }
    }

    public Path directory() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
