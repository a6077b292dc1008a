package dev.logline.store.columnar;

import dev.logline.core.LogEvent;
import dev.logline.core.crypto.EncryptionKeys;
import dev.logline.query.LqlParser;
import dev.logline.store.SearchRequest;
import dev.logline.store.StoredEvent;
import dev.logline.store.columnar.encoding.StoreKeyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With encryption keys the store writes no readable byte of an event — not in the WAL, not in parts, not in merged
 * parts — reads everything back, rotates keys through merges, and refuses to start without a key its data needs.
 */
class EncryptedStoreTest {

    private static final String K1 = EncryptionKeys.newEntry("k1");
    private static final String K2 = EncryptionKeys.newEntry("k2");
    /** Text that would show up in plain files: a message token, an attribute value, a service (ids are binary). */
    private static final List<String> MARKERS = List.of("zebracrossing", "4111-secret-value", "payments-service");

    @TempDir
    Path dir;

    private final long now = LogEvent.toMicros(Instant.now()) - 60_000_000L;

    @Test
    void aPlainWalShowsTheEventsWhichIsWhatEncryptionHides() throws Exception {
        // The control for the marker scan below (parts are compressed, so only the WAL is sure to show them plain;
        // PartRoundTripTest checks that every chunk, filter and index of a sealed part is sealed).
        try (ColumnarLogStore store = ColumnarLogStore.open(config(dir, null))) {
            store.write("t", batch(0, 50)).join();
            assertThat(markersOnDisk(dir)).hasSameSizeAs(MARKERS);
        }
    }

    @Test
    void noEventByteIsReadableOnDiskAndEverythingReadsBack() throws Exception {
        Path crashCopy = dir.resolve("copy");
        Path data = dir.resolve("data");
        try (ColumnarLogStore store = ColumnarLogStore.open(config(data, K1))) {
            store.write("t", batch(0, 300)).join();
            // Durable in the WAL only: copy the folder as a crash would leave it.
            copy(data, crashCopy);
            assertThat(markersOnDisk(data)).as("in the WAL").isEmpty();
            store.refreshNow();
            store.write("t", batch(300, 300)).join();
            store.refreshNow();
            assertThat(markersOnDisk(data)).as("in parts").isEmpty();
            store.compact();
            assertThat(markersOnDisk(data)).as("in merged parts").isEmpty();
            assertFindsEverything(store, 600);
            assertThat(store.partsByKey()).containsOnlyKeys("k1");
        }
        try (ColumnarLogStore reopened = ColumnarLogStore.open(config(data, K1))) {
            assertFindsEverything(reopened, 600);
        }
        try (ColumnarLogStore recovered = ColumnarLogStore.open(config(crashCopy, K1))) {
            assertThat(recovered.recovery().eventsReplayed()).isEqualTo(300);
            assertFindsEverything(recovered, 300);
            assertThat(markersOnDisk(crashCopy)).isEmpty();
        }
    }

    @Test
    void refusesToStartWithoutTheKeyItsDataNeedsAndLeavesTheFilesAlone() throws Exception {
        try (ColumnarLogStore store = ColumnarLogStore.open(config(dir, K1))) {
            store.write("t", batch(0, 100)).join();
            store.refreshNow();
        }
        List<Path> before = files(dir);
        assertThatThrownBy(() -> ColumnarLogStore.open(config(dir, null)))
                .isInstanceOf(StoreKeyException.class).hasMessageContaining("k1");
        assertThatThrownBy(() -> ColumnarLogStore.open(config(dir, K2)))
                .isInstanceOf(StoreKeyException.class).hasMessageContaining("k1");
        assertThat(files(dir)).isEqualTo(before);
        try (ColumnarLogStore store = ColumnarLogStore.open(config(dir, K1))) {
            assertFindsEverything(store, 100);
        }
    }

    @Test
    void aWalSealedWithAMissingKeyIsRefusedNotSkipped() throws Exception {
        Path data = dir.resolve("data");
        Path crashCopy = dir.resolve("copy");
        try (ColumnarLogStore store = ColumnarLogStore.open(config(data, K1))) {
            store.write("t", batch(0, 10)).join();
            copy(data, crashCopy);
        }
        assertThatThrownBy(() -> ColumnarLogStore.open(config(crashCopy, K2)))
                .isInstanceOf(StoreKeyException.class).hasMessageContaining("k1");
        try (ColumnarLogStore store = ColumnarLogStore.open(config(crashCopy, K2 + "\n" + K1))) {
            assertFindsEverything(store, 10);
        }
    }

    @Test
    void rotationReadsOldDataAndMergesMoveItToTheNewKey() throws Exception {
        try (ColumnarLogStore store = ColumnarLogStore.open(config(dir, K1))) {
            store.write("t", batch(0, 200)).join();
            store.refreshNow();
        }
        try (ColumnarLogStore store = ColumnarLogStore.open(config(dir, K2 + "\n" + K1))) {
            assertFindsEverything(store, 200);
            store.write("t", batch(200, 200)).join();
            store.refreshNow();
            assertThat(store.partsByKey()).containsOnlyKeys("k1", "k2");
            store.compact();
            assertThat(store.partsByKey()).containsOnlyKeys("k2");
        }
        try (ColumnarLogStore store = ColumnarLogStore.open(config(dir, K2))) {
            assertFindsEverything(store, 400);
        }
    }

    @Test
    void switchingEncryptionOnKeepsPlainPartsReadableAndMergesSealThem() throws Exception {
        try (ColumnarLogStore store = ColumnarLogStore.open(config(dir, null))) {
            store.write("t", batch(0, 200)).join();
            store.refreshNow();
        }
        try (ColumnarLogStore store = ColumnarLogStore.open(config(dir, K1))) {
            assertFindsEverything(store, 200);
            store.write("t", batch(200, 100)).join();
            store.refreshNow();
            assertThat(store.partsByKey()).containsOnlyKeys("", "k1");
            store.compact();
            assertThat(store.partsByKey()).containsOnlyKeys("k1");
            assertThat(markersOnDisk(dir)).isEmpty();
            assertFindsEverything(store, 300);
        }
    }

    private static ColumnarStoreConfig config(Path data, String keys) {
        return ColumnarStoreConfig.defaults(data).toBuilder()
                .flushInterval(Duration.ofHours(1))
                .blockRows(64)
                .encryptionKeys(keys == null ? null : EncryptionKeys.parse(keys, "test keys"))
                .build();
    }

    private List<LogEvent> batch(int from, int count) {
        List<LogEvent> events = new ArrayList<>();
        for (int n = from; n < from + count; n++) {
            events.add(LogEvent.builder().tsMicros(now - 50_000_000L + n * 1000L).service("payments-service")
                    .host("h").msg("card accepted at the zebracrossing branch " + n)
                    .traceId(String.format("feedfacecafebeef%016x", n))
                    .attribute("card", "4111-secret-value").attribute("n", (long) n).build());
        }
        return events;
    }

    /** Finds each event by a token of its message, its trace id and an attribute value, and all of them by '*'. */
    private void assertFindsEverything(ColumnarLogStore store, int count) {
        assertThat(search(store, "*", count + 10)).hasSize(count);
        assertThat(search(store, "zebracrossing", count + 10)).hasSize(count);
        assertThat(search(store, "card:\"4111-secret-value\"", count + 10)).hasSize(count);
        int last = count - 1;
        assertThat(search(store, "trace_id:" + String.format("feedfacecafebeef%016x", last), 10))
                .extracting(e -> e.event().attribute("n")).containsExactly((long) last);
    }

    private List<StoredEvent> search(ColumnarLogStore store, String lql, int limit) {
        return store.search(new SearchRequest("t", LqlParser.parse(lql), now - 3_600_000_000L, now + 3_600_000_000L,
                limit, null, Duration.ofSeconds(10))).events();
    }

    /** The markers found in any file under {@code root}. */
    private static List<String> markersOnDisk(Path root) throws Exception {
        List<String> found = new ArrayList<>();
        for (Path f : files(root)) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (String m : MARKERS) {
                if (text.contains(m)) {
                    found.add(m + " in " + root.relativize(f));
                }
            }
        }
        return found;
    }

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        for (Path f : files(from)) {
            Path target = to.resolve(from.relativize(f).toString());
            Files.createDirectories(target.getParent());
            Files.copy(f, target);
        }
    }
}
