package dev.logline.store.lucene;

import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.query.LqlParser;
import dev.logline.store.RejectedEventsException;
import dev.logline.store.SearchRequest;
import dev.logline.store.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the embedded store does beyond the shared contract: acceptance windows, WAL recovery, finer retention. */
class LuceneLogStoreTest {

    private static final long DAY = 86_400_000_000L;

    @TempDir
    Path dir;

    private final long now = LogEvent.toMicros(Instant.now()) - 1_000_000L;

    private static LogEvent event(long ts, String msg) {
        return LogEvent.builder().tsMicros(ts).msg(msg).service("svc").build();
    }

    private static List<String> msgs(LuceneLogStore store, String tenant, long from, long to) {
        store.refreshNow();
        List<String> out = new ArrayList<>();
        for (StoredEvent e : store.search(new SearchRequest(tenant, LqlParser.parse("*"), from, to, 10_000, null,
                Duration.ofSeconds(30))).events()) {
            out.add(e.event().msg());
        }
        return out;
    }

    @Test
    void compactLeavesOneSegmentPerDayAndEveryEvent() throws Exception {
        List<String> written = new ArrayList<>();
        try (LuceneLogStore store = LuceneLogStore.open(LuceneStoreConfig.defaults(dir))) {
            for (int batch = 0; batch < 4; batch++) {
                List<LogEvent> events = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    String msg = "b" + batch + " e" + i;
                    events.add(event(now - (i % 2) * DAY - batch * 1000L - i, msg));
                    written.add(msg);
                }
                store.write("t", events).join();
                // Each refresh flushes a segment of its own.
                store.refreshNow();
            }

            assertThat(store.compact()).isEqualTo(2);

            assertThat(msgs(store, "t", now - 2 * DAY, now + 1)).containsExactlyInAnyOrderElementsOf(written);
        }
        try (Stream<Path> days = Files.list(dir.resolve("tenants").resolve("t"))) {
            for (Path day : days.toList()) {
                try (var d = org.apache.lucene.store.FSDirectory.open(day)) {
                    assertThat(org.apache.lucene.index.SegmentInfos.readLatestCommit(d).size()).as(day.toString())
                            .isEqualTo(1);
                }
            }
        }
        try (LuceneLogStore store = LuceneLogStore.open(LuceneStoreConfig.defaults(dir))) {
            assertThat(msgs(store, "t", now - 2 * DAY, now + 1)).hasSameSizeAs(written);
        }
    }

    @Test
    void eventsOutsideTheAcceptedWindowAreRefusedPerItem() throws Exception {
        try (LuceneLogStore store = LuceneLogStore.open(LuceneStoreConfig.defaults(dir)
                .withAcceptPast(Duration.ofDays(2)).withAcceptFuture(Duration.ofHours(1)))) {
            List<LogEvent> batch = List.of(event(now, "fine"), event(now - 3 * DAY, "too old"),
                    event(now + DAY, "too new"));

            assertThat(store.admissionError("t", batch.get(0))).isNull();
            assertThat(store.admissionError("t", batch.get(1))).contains("older than");
            assertThat(store.admissionError("t", batch.get(2))).contains("future");
            assertThatThrownBy(() -> store.write("t", batch).join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(RejectedEventsException.class)
                    .satisfies(e -> assertThat(((RejectedEventsException) e).reasons()).containsOnlyKeys(1, 2));
            assertThat(msgs(store, "t", now - 10 * DAY, now + 10 * DAY)).isEmpty();
        }
    }

    @Test
    void aBacklogBeyondTheBoundRefusesWritesUntilIndexingCatchesUp() throws Exception {
        try (LuceneLogStore store = LuceneLogStore.open(LuceneStoreConfig.defaults(dir).withMaxPendingEvents(100))) {
            List<LogEvent> big = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                big.add(event(now - i, "bulk " + i));
            }
            // A single batch larger than the bound is taken when nothing is pending, so no batch is refused forever.
            java.util.concurrent.CompletableFuture<Void> first = store.write("t", big);

            assertThatThrownBy(() -> store.write("t", List.of(event(now, "one more"))).join())
                    .cause().isInstanceOf(dev.logline.store.BackpressureException.class)
                    .satisfies(e -> assertThat(((dev.logline.store.BackpressureException) e).retryAfter())
                            .isPositive());
            first.join();
            store.refreshNow();
            store.write("t", List.of(event(now, "one more"))).join();
            assertThat(store.stats().pendingEvents()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void idlePartitionsAreClosedAndReopenedOnDemand() throws Exception {
        try (LuceneLogStore store = LuceneLogStore.open(LuceneStoreConfig.defaults(dir)
                .withIdleCloseAfter(Duration.ofMillis(1)))) {
            store.write("t", List.of(event(now - DAY, "yesterday"), event(now, "today"))).join();
            store.refreshNow();
            for (int i = 0; i < 1000 && store.openPartitionCount() > 0; i++) {
                Thread.sleep(10);
            }
            assertThat(store.openPartitionCount()).isZero();

            assertThat(msgs(store, "t", now - 2 * DAY, now + DAY)).containsExactly("today", "yesterday");
            assertThat(store.stats().events()).isEqualTo(2);
        }
    }

    @Test
    void aSecondStoreOnTheSameFolderIsRefused() throws Exception {
        try (LuceneLogStore store = LuceneLogStore.open(LuceneStoreConfig.defaults(dir))) {
            assertThatThrownBy(() -> LuceneLogStore.open(LuceneStoreConfig.defaults(dir)))
                    .hasMessageContaining("cannot open the store")
                    .hasRootCauseMessage("another store has " + dir + " open; stop it or use another data folder");
            store.write("t", List.of(event(now, "still works"))).join();
            assertThat(msgs(store, "t", now - DAY, now + DAY)).containsExactly("still works");
        }
    }

    @Test
    void invalidTenantNamesAreRefused() throws Exception {
        try (LuceneLogStore store = LuceneLogStore.open(LuceneStoreConfig.defaults(dir))) {
            assertThatThrownBy(() -> store.write("../etc", List.of(event(now, "x"))).join())
                    .hasCauseInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void corruptWalIsRecoveredAndReported() throws Exception {
        Path crashed = dir.resolve("crashed");
        // A long commit interval keeps everything in the WAL only; copying the WAL while the store runs gives the
        // state a crash before the first commit leaves behind.
        try (LuceneLogStore store = LuceneLogStore.open(LuceneStoreConfig.defaults(dir.resolve("live"))
                .withCommitInterval(Duration.ofHours(1)))) {
            for (int i = 0; i < 5; i++) {
                store.write("t", List.of(event(now - i, "event " + i))).join();
            }
            Files.createDirectories(crashed.resolve("wal"));
            try (Stream<Path> s = Files.list(dir.resolve("live/wal"))) {
                for (Path p : s.toList()) {
                    Files.copy(p, crashed.resolve("wal").resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path segment;
        try (Stream<Path> s = Files.list(crashed.resolve("wal"))) {
            segment = s.filter(p -> {
                try {
                    return Files.size(p) > 0;
                } catch (Exception e) {
                    return false;
                }
            }).findFirst().orElseThrow();
        }
        long size = Files.size(segment);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(size / 5 * 2 + 40);  // inside the third frame
            f.write(0x5A);
            f.setLength(size - 7);       // the fifth frame lost its end
        }

        try (LuceneLogStore store = LuceneLogStore.open(LuceneStoreConfig.defaults(crashed))) {
            WalRecovery r = store.recovery();
            assertThat(r.corruptFrames()).isEqualTo(1);
            assertThat(r.tornTailBytes()).isPositive();
            assertThat(r.eventsReplayed()).isEqualTo(3);
            assertThat(msgs(store, "t", now - DAY, now + DAY)).containsExactly("event 0", "event 1", "event 3");
        }
        // Once recovered and committed, a restart finds nothing left to repair.
        try (LuceneLogStore store = LuceneLogStore.open(LuceneStoreConfig.defaults(crashed))) {
            assertThat(store.recovery().foundDamage()).isFalse();
            assertThat(msgs(store, "t", now - DAY, now + DAY)).hasSize(3);
        }
    }

    @Test
    void retentionRulesDeleteMatchingEventsInsideDays() throws Exception {
        Path data = dir.resolve("data");
        try (LuceneLogStore store = LuceneLogStore.open(LuceneStoreConfig.defaults(data))) {
            store.write("t", List.of(
                    event(now - 3 * DAY, "old debug").toBuilder().level(Level.DEBUG).build(),
                    event(now - 3 * DAY, "old info"),
                    event(now - 1000, "new debug").toBuilder().level(Level.DEBUG).build())).join();
        }
        try (LuceneLogStore store = LuceneLogStore.open(LuceneStoreConfig.defaults(data).withRetentionRules(
                List.of(new RetentionRule(LqlParser.parseFilter("level:DEBUG"), 2))))) {
            store.applyRetention();
            assertThat(msgs(store, "t", now - 10 * DAY, now + DAY)).containsExactly("new debug", "old info");
        }
    }

    @Test
    void retentionBySizeDropsOldestDaysFirstButKeepsToday() throws Exception {
        Path data = dir.resolve("data");
        try (LuceneLogStore store = LuceneLogStore.open(LuceneStoreConfig.defaults(data))) {
            store.write("t", List.of(event(now - 4 * DAY, "four"), event(now - 2 * DAY, "two"), event(now, "today")))
                    .join();
        }
        try (LuceneLogStore store = LuceneLogStore.open(LuceneStoreConfig.defaults(data).withRetentionMaxBytes(1))) {
            store.applyRetention();
            assertThat(msgs(store, "t", now - 10 * DAY, now + DAY)).containsExactly("today");
            assertThat(store.stats().partitions()).isEqualTo(1);
        }
    }

    @Test
    void aPartitionBeingReadOutlivesItsRetention() throws Exception {
        Path path = dir.resolve("tenants/t/2026-01-01");
        DayPartition p = DayPartition.open(new PartitionKey("t", java.time.LocalDate.parse("2026-01-01")), path, () -> 0);
        assertThat(p.acquire()).isTrue();

        p.retire();

        assertThat(p.acquire()).as("no new users once retired").isFalse();
        assertThat(Files.isDirectory(path)).as("kept while read").isTrue();
        p.release();
        assertThat(Files.exists(path)).as("deleted after the last reader").isFalse();
    }
}
