package dev.logline.store.columnar;

import dev.logline.core.LogEvent;
import dev.logline.query.LqlParser;
import dev.logline.store.SearchRequest;
import dev.logline.store.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Merges of parts written in time order copy whole blocks; out-of-order parts are merged row by row; nothing is lost. */
class MergeTest {

    @TempDir
    Path dir;

    @Test
    void partsInTimeOrderMergeByCopyingBlocksAndOverlapsRowByRow() throws Exception {
        long now = LogEvent.toMicros(Instant.now()) - 60_000_000L;
        ColumnarStoreConfig config = ColumnarStoreConfig.defaults(dir).toBuilder().blockRows(64).build();
        List<Long> expected = new ArrayList<>();
        try (ColumnarLogStore store = ColumnarLogStore.open(config)) {
            long n = 0;
            // Twelve parts in time order, each 200 events of two streams: blocks of 64 rows, disjoint in time.
            for (int part = 0; part < 12; part++) {
                List<LogEvent> batch = new ArrayList<>();
                for (int i = 0; i < 200; i++, n++) {
                    batch.add(event(now - 50_000_000L + n * 1000, n, "svc-" + (i % 2)));
                    expected.add(n);
                }
                store.write("t", batch).join();
                store.refreshNow();
            }
            // Two parts whose events fall among the others': their blocks overlap and merge row by row.
            for (int part = 0; part < 2; part++) {
                List<LogEvent> late = new ArrayList<>();
                for (int i = 0; i < 50; i++, n++) {
                    late.add(event(now - 50_000_000L + (i * 37 + part) * 1000, n, "svc-" + (i % 2)));
                    expected.add(n);
                }
                store.write("t", late).join();
                store.refreshNow();
            }
            // Background merges may already have folded some of the parts together; compact() finishes the job.
            store.compact();

            assertThat(parts()).hasSize(1);
            assertThat(store.health().blocksCopied()).isPositive();
            assertThat(store.health().blocksRewritten()).isPositive();
            List<StoredEvent> found = all(store, now);
            assertThat(found).extracting(e -> (Long) e.event().attribute("n")).containsExactlyInAnyOrderElementsOf(expected);
            for (int i = 1; i < found.size(); i++) {
                assertThat(found.get(i).event().tsMicros()).isLessThanOrEqualTo(found.get(i - 1).event().tsMicros());
            }
            // Filters still find single values in copied blocks (their bloom filters and group filters came along).
            assertThat(store.search(new SearchRequest("t", LqlParser.parse("trace_id:" + String.format("%032x", 7L)),
                    now - 3_600_000_000L, now + 3_600_000_000L, 10, null, Duration.ofSeconds(10))).events())
                    .extracting(e -> e.event().attribute("n")).containsExactly(7L);
            assertThat(store.search(new SearchRequest("t", LqlParser.parse("number1300"),
                    now - 3_600_000_000L, now + 3_600_000_000L, 10, null, Duration.ofSeconds(10))).events())
                    .extracting(e -> e.event().attribute("n")).containsExactly(1300L);
        }
    }

    private static LogEvent event(long ts, long n, String service) {
        return LogEvent.builder().tsMicros(ts).service(service).host("h").msg("event number" + n)
                .traceId(String.format("%032x", n)).attribute("n", n).build();
    }

    private List<Path> parts() throws Exception {
        try (Stream<Path> s = Files.walk(dir.resolve("tenants"))) {
            return s.filter(p -> p.toString().endsWith(".part")).toList();
        }
    }

    private static List<StoredEvent> all(ColumnarLogStore store, long now) {
        List<StoredEvent> out = new ArrayList<>();
        String cursor = null;
        do {
            var page = store.search(new SearchRequest("t", LqlParser.parse("*"), now - 3_600_000_000L,
                    now + 3_600_000_000L, 500, cursor, Duration.ofSeconds(10)));
            out.addAll(page.events());
            cursor = page.nextCursor();
        } while (cursor != null);
        return out;
    }
}
