package dev.logline.store.columnar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Recognises a data folder written by the Lucene store of Logline 0.1 (WAL frames of JSON, Lucene index files in the
 * day folders), which this store cannot read, and refuses it with what to do.
 */
final class LegacyData {

    private static final int LUCENE_WAL_MAGIC = 0x4C4C5731; // "LLW1"

    private LegacyData() {
    }

    static void refuseLuceneData(Path dataDir) throws IOException {
        Path found = luceneFile(dataDir);
        if (found != null) {
            throw new IOException("the data folder " + dataDir + " was written by Logline's earlier Lucene store ("
                    + found + "), which this version does not read. Export it with the earlier version "
                    + "(logline query '*' --last 30d --limit 1000000000 --json > events.ndjson), move the folder "
                    + "aside, start this version on an empty folder and send the file back (logline ship "
                    + "events.ndjson); or keep running the earlier version on it. See docs/STORAGE.md, \"Upgrading "
                    + "from the Lucene store\".");
        }
    }

    /** A file only the Lucene store writes, or null. */
    static Path luceneFile(Path dataDir) throws IOException {
        Path wal = dataDir.resolve("wal");
        if (Files.isDirectory(wal)) {
            try (Stream<Path> s = Files.list(wal)) {
                for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".wal")).toList()) {
                    try (InputStream in = Files.newInputStream(f)) {
                        byte[] head = in.readNBytes(4);
                        if (head.length == 4 && ((head[0] & 0xFF) << 24 | (head[1] & 0xFF) << 16 | (head[2] & 0xFF) << 8
                                | (head[3] & 0xFF)) == LUCENE_WAL_MAGIC) {
                            return f;
                        }
                    }
                }
            }
        }
        Path tenants = dataDir.resolve("tenants");
        if (Files.isDirectory(tenants)) {
            try (Stream<Path> s = Files.walk(tenants, 3)) {
                return s.filter(p -> p.getFileName().toString().startsWith("segments_")).findFirst().orElse(null);
            }
        }
        return null;
    }
}
