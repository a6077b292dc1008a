package dev.logline.store.columnar;

import dev.logline.core.LogEvent;
import dev.logline.query.LqlParser;
import dev.logline.store.SearchRequest;
import dev.logline.store.StoredEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trace lookups and words over parts of many groups of blocks, where whole groups are ruled out by their filters
 * before any block is listed: every trace finds exactly its events, before and after a merge, with blocks of one
 * row (every column constant, so no group may be skipped) and of several (most groups skipped).
 */
class PointLookupTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {1, 8})
    void everyTraceFindsExactlyItsEventsAndAnUnknownOneNothing(int blockRows) throws Exception {
        long now = LogEvent.toMicros(Instant.now()) - 60_000_000L;
        Random random = new Random(blockRows);
        Map<String, Integer> perTrace = new HashMap<>();
        Map<String, Integer> perWord = new HashMap<>();
        List<LogEvent> events = new ArrayList<>();
        // Each trace's events lie within two seconds, as a request's do: most groups of blocks hold none of them.
        long[] traceStart = new long[151];
        for (int t = 0; t < traceStart.length; t++) {
            traceStart[t] = now - 2_000_000L - random.nextInt(3_600_000) * 1000L;
        }
        for (int i = 0; i < 4_000; i++) {
            int t = 1 + random.nextInt(150);
            String trace = String.format("%032x", t);
            String word = "w" + random.nextInt(400);
            perTrace.merge(trace, 1, Integer::sum);
            perWord.merge(word, 1, Integer::sum);
            events.add(LogEvent.builder().tsMicros(traceStart[t] + random.nextInt(2_000_000))
                    .service("svc-" + random.nextInt(4)).host("h" + random.nextInt(2))
                    .msg("request " + word + " done").traceId(trace).build());
        }
        // A stream of one event is a block of one row, its trace id a constant the block keeps no filter of; the
        // group it lands in must not be ruled out by the other blocks' filters.
        for (int t = 1; t <= 30; t++) {
            String trace = String.format("%032x", t);
            perTrace.merge(trace, 1, Integer::sum);
            events.add(events.size() - 1000 * (t % 4), LogEvent.builder().tsMicros(traceStart[t]).service("lone-" + t)
                    .host("h0").msg("request alone done").traceId(trace).build());
        }
        ColumnarStoreConfig config = ColumnarStoreConfig.defaults(dir).toBuilder()
                .flushInterval(Duration.ofHours(1)).blockRows(blockRows).build();
        try (ColumnarLogStore store = ColumnarLogStore.open(config)) {
            for (int from = 0; from < events.size(); from += 1_000) {
                store.write("t", events.subList(from, Math.min(events.size(), from + 1_000))).join();
                store.refreshNow();
            }
            check(store, perTrace, perWord, now);
            store.compact();
            check(store, perTrace, perWord, now);
        }
    }

    private static void check(ColumnarLogStore store, Map<String, Integer> perTrace, Map<String, Integer> perWord,
                              long now) {
        long from = now - 2 * 3_600_000_000L;
        long to = now + 60_000_000L;
        for (Map.Entry<String, Integer> t : perTrace.entrySet()) {
            List<StoredEvent> found = store.transaction("t", "trace_id", t.getKey(), from, to, 10_000);
            assertThat(found).as(t.getKey()).hasSize(t.getValue())
                    .allMatch(e -> e.event().traceId().equals(t.getKey()));
        }
        assertThat(store.transaction("t", "trace_id", String.format("%032x", 999_999), from, to, 10_000)).isEmpty();
        for (String word : List.of("w1", "w17", "w399")) {
            List<StoredEvent> found = store.search(new SearchRequest("t", LqlParser.parse(word), from, to, 10_000,
                    null, Duration.ofSeconds(30))).events();
            assertThat(found).as(word).hasSize(perWord.getOrDefault(word, 0));
        }
        assertThat(store.search(new SearchRequest("t", LqlParser.parse("nosuchword"), from, to, 10, null,
                Duration.ofSeconds(30))).events()).isEmpty();
    }
}
