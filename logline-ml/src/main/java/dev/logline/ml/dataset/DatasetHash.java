package dev.logline.ml.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The content hash of a dataset — files and directories — that names its version: equal on every machine for equal
 * content, different after any changed, added, removed or renamed file.
 *
 * <p>Definition ({@value #ALGORITHM}), so other tools can reproduce it:
 * <ol>
 *   <li>the files are the regular files under each root (symbolic links to files are read, linked directories are
 *       not entered), named by their path relative to the root with {@code /} separators — a root that is a file is
 *       named by its file name; with several roots each name is prefixed by its root's file name and {@code /};</li>
 *   <li>a file's digest is SHA-256 over the SHA-256 digests of its {@value #BLOCK_BYTES}-byte blocks in order (an
 *       empty file: over nothing), so large files are hashed block-parallel and never held in memory;</li>
 *   <li>the dataset's hash is SHA-256 over, per file in the byte order of the UTF-8 names: the name's UTF-8 bytes,
 *       a zero byte, the size as 8 bytes big-endian, the file digest.</li>
 * </ol>
 * Times, permissions, owners and the roots' own locations are not part of it.
 *
 * @param hash  the hex SHA-256 defined above
 * @param files how many files were read
 * @param bytes their total size
 */
public record DatasetHash(String hash, long files, long bytes) {

    /** The name of the definition above, logged beside the hash. */
    public static final String ALGORITHM = "sha256-blocks-v1";

    /** Block size of the per-file digest: 8 MiB. */
    public static final int BLOCK_BYTES = 8 << 20;

    private static final int READ_BYTES = 1 << 20;

    /** Hashes one file or directory. */
    public static DatasetHash of(Path root) {
        return of(List.of(root), false);
    }

    /** Hashes several roots as one dataset; each file is named under its root's file name. */
    public static DatasetHash of(List<Path> roots) {
        return of(roots, roots.size() > 1);
    }

    private static DatasetHash of(List<Path> roots, boolean prefixRoots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("a dataset hash needs at least one file or directory");
        }
        List<Entry> entries = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                throw new IllegalArgumentException("cannot hash the dataset: " + root.toAbsolutePath()
                        + " does not exist; pass the files or directories the data is read from");
            }
            String prefix = prefixRoots ? fileName(root) + "/" : "";
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(Files::isRegularFile).forEach(p -> entries.add(new Entry(
                            prefix + relativeName(root, p), p)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + root.toAbsolutePath() + ": " + e.getMessage(), e);
                }
            } else {
                entries.add(new Entry(prefix.isEmpty() ? fileName(root) : prefix + fileName(root), root));
            }
        }
        entries.sort((a, b) -> Arrays.compareUnsigned(a.nameBytes, b.nameBytes));
        for (int i = 1; i < entries.size(); i++) {
            if (Arrays.equals(entries.get(i).nameBytes, entries.get(i - 1).nameBytes)) {
                throw new IllegalArgumentException("two roots hold the same file name " + entries.get(i).name
                        + "; hash them separately or give the roots different names");
            }
        }
        List<Block> blocks = new ArrayList<>();
        long total = 0;
        for (Entry e : entries) {
            e.size = size(e.path);
            total += e.size;
            long count = Math.max(0, (e.size + BLOCK_BYTES - 1) / BLOCK_BYTES);
            e.blockDigests = new byte[(int) count][];
            for (int i = 0; i < count; i++) {
                blocks.add(new Block(e, i));
            }
        }
        // Blocks of every file in parallel; each result lands in its own slot, so the order of work never matters.
        IntStream.range(0, blocks.size()).parallel().forEach(i -> blocks.get(i).digest());
        MessageDigest dataset = sha256();
        ByteBuffer size = ByteBuffer.allocate(Long.BYTES);
        for (Entry e : entries) {
            MessageDigest file = sha256();
            for (byte[] d : e.blockDigests) {
                file.update(d);
            }
            dataset.update(e.nameBytes);
            dataset.update((byte) 0);
            dataset.update(size.clear().putLong(e.size).array());
            dataset.update(file.digest());
        }
        return new DatasetHash(HexFormat.of().formatHex(dataset.digest()), entries.size(), total);
    }

    /** The attributes a run logs for this dataset: hash, algorithm, files, bytes. */
    public Map<String, Object> toAttributes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hash", hash);
        m.put("algorithm", ALGORITHM);
        m.put("files", files);
        m.put("bytes", bytes);
        return m;
    }

    private static String relativeName(Path root, Path file) {
        StringBuilder b = new StringBuilder();
        for (Path part : root.relativize(file)) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(part);
        }
        return b.toString();
    }

    private static String fileName(Path p) {
        Path name = p.toAbsolutePath().normalize().getFileName();
        return name == null ? "" : name.toString();
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + p.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static final class Entry {
        final String name;
        final byte[] nameBytes;
        final Path path;
        long size;
        byte[][] blockDigests;

        Entry(String name, Path path) {
            this.name = name;
            this.nameBytes = name.getBytes(StandardCharsets.UTF_8);
            this.path = path;
        }
    }

    private record Block(Entry entry, int index) {
        void digest() {
            MessageDigest md = sha256();
            long start = (long) index * BLOCK_BYTES;
            long end = Math.min(entry.size, start + BLOCK_BYTES);
            ByteBuffer buf = ByteBuffer.allocate(READ_BYTES);
            try (FileChannel ch = FileChannel.open(entry.path, StandardOpenOption.READ)) {
                long pos = start;
                while (pos < end) {
                    buf.clear().limit((int) Math.min(READ_BYTES, end - pos));
                    int n = ch.read(buf, pos);
                    if (n < 0) {
                        throw new IOException("the file ended at byte " + pos + " while hashing; was it changed "
                                + "during the hash?");
                    }
                    md.update(buf.array(), 0, n);
                    pos += n;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + entry.path.toAbsolutePath() + ": " + e.getMessage(), e);
            }
            entry.blockDigests[index] = md.digest();
        }
    }
}
