package dev.logline.store.columnar;

import dev.logline.core.LogEvent;
import dev.logline.query.LqlParser;
import dev.logline.store.SearchRequest;
import dev.logline.store.StoredEvent;
import dev.logline.store.columnar.part.PartAccess;
import dev.logline.store.columnar.part.Part;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A flipped byte in a part is detected, the part is set aside and reported, and the rest of the store answers. */
class DamagedPartTest {

    private static final long DAY = 86_400_000_000L;

    @TempDir
    Path dir;

    @Test
    void aFlippedByteInAChunkTakesOnlyItsPartOutOfService() throws Exception {
        long now = LogEvent.toMicros(Instant.now());
        ColumnarStoreConfig config = ColumnarStoreConfig.defaults(dir);
        try (ColumnarLogStore store = ColumnarLogStore.open(config)) {
            store.write("t", events("today", now - 1_000_000, 500)).join();
            store.write("t", events("yesterday", now - DAY, 500)).join();
            store.refreshNow();
        }
        Path yesterday = onlyPart(dir.resolve("tenants/t").resolve(dev.logline.store.columnar.partition.PartitionKey
                .dayOf(now - DAY).toString()));
        flipByteInFirstChunk(yesterday);

        try (ColumnarLogStore store = ColumnarLogStore.open(config)) {
            List<StoredEvent> found = searchAll(store, now);
            assertThat(found).extracting(e -> e.event().msg()).allMatch(m -> m.startsWith("today"));
            assertThat(found).hasSize(500);
            assertThat(store.health().corruptParts()).isEqualTo(1);
            assertThat(store.health().corruptPartPaths()).containsExactly(yesterday);
            assertThat(Files.exists(yesterday)).isFalse();
            assertThat(Files.exists(Path.of(yesterday + ".corrupt"))).isTrue();
            // Later reads and writes go on as usual.
            store.write("t", events("later", now - 500_000, 10)).join();
            store.refreshNow();
            assertThat(searchAll(store, now)).hasSize(510);
        }
    }

    @Test
    void aDamagedIndexIsFoundWhenThePartitionOpens() throws Exception {
        long now = LogEvent.toMicros(Instant.now());
        ColumnarStoreConfig config = ColumnarStoreConfig.defaults(dir);
        try (ColumnarLogStore store = ColumnarLogStore.open(config)) {
            store.write("t", events("old", now - DAY, 100)).join();
            store.refreshNow();
        }
        Path part = onlyPart(dir.resolve("tenants/t").resolve(dev.logline.store.columnar.partition.PartitionKey
                .dayOf(now - DAY).toString()));
        try (RandomAccessFile f = new RandomAccessFile(part.toFile(), "rw")) {
            long at = f.length() - 30; // inside the index, just before the footer
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x40);
        }
        try (ColumnarLogStore store = ColumnarLogStore.open(config)) {
            assertThat(searchAll(store, now)).isEmpty();
            assertThat(store.health().corruptParts()).isEqualTo(1);
            assertThat(Files.exists(Path.of(part + ".corrupt"))).isTrue();
        }
    }

    private static List<LogEvent> events(String prefix, long ts, int n) {
        List<LogEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(LogEvent.builder().tsMicros(ts - i).msg(prefix + " event " + i).service("svc").build());
        }
        return out;
    }

    private static List<StoredEvent> searchAll(ColumnarLogStore store, long now) {
        List<StoredEvent> all = new ArrayList<>();
        String cursor = null;
        do {
            var page = store.search(new SearchRequest("t", LqlParser.parse("*"), now - 3 * DAY, now + DAY, 1000, cursor,
                    Duration.ofSeconds(30)));
            all.addAll(page.events());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private static Path onlyPart(Path partition) throws Exception {
        try (Stream<Path> s = Files.list(partition)) {
            List<Path> parts = s.filter(p -> p.toString().endsWith(".part")).toList();
            assertThat(parts).hasSize(1);
            return parts.get(0);
        }
    }

    /** Flips a bit in the middle of the first column chunk of the part's first block. */
    private static void flipByteInFirstChunk(Path part) throws Exception {
        Part p = Part.open(part, PartAccess.plain(0));
        long offset;
        int length;
        try {
            var block = p.index().block(0);
            int c = 0;
            while (block.isConstant(c)) {
                c++;
            }
            offset = block.chunkOffset(c);
            length = block.chunkLength(c);
        } finally {
            p.retire(false);
        }
        try (RandomAccessFile f = new RandomAccessFile(part.toFile(), "rw")) {
            long at = offset + length / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x01);
        }
    }
}
