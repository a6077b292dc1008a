package dev.logline.store.columnar;

import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.query.LqlParser;
import dev.logline.store.SearchRequest;
import dev.logline.store.columnar.query.PartialCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partials of whole parts are reused by the next {@code stats}/{@code timechart} over them and answer exactly
 * what reading the blocks answers, across new writes, merges and a cap too small to hold them; a store without the
 * cache ({@code partialCacheBytes 0}) gives the same tables. (ColumnarStoreOracleTest asks every aggregation twice
 * and again after writes, merges, restarts and retention, against the reference pipeline.)
 */
class PartialCacheTest {

    private static final List<String> QUERIES = List.of(
            "* | stats count() by service",
            "level:ERROR | stats count(), avg(latency), p95(latency) by service",
            "* | timechart 10m count() by level",
            "* | stats p50(latency), p99(latency), count_uniq(user), min(latency), max(latency), sum(latency)",
            "service:checkout | timechart 1h p95(latency) | where p95_latency > 0");

    @TempDir
    Path dir;

    private static final long HOUR = 3_600_000_000L;
    private static final long DAY = 24 * HOUR;

    /** 06:00–12:00 UTC yesterday: one day partition, whatever the hour the test runs. */
    private final long from = Math.floorDiv(LogEvent.toMicros(Instant.now()), DAY) * DAY - DAY + 6 * HOUR;
    private final long to = from + 6 * HOUR;

    @Test
    void theSecondAskIsAnsweredFromTheCacheWithTheSameTable() throws Exception {
        try (ColumnarLogStore store = ColumnarLogStore.open(config(dir.resolve("a"), 16L << 20))) {
            writeParts(store, 4);
            List<List<List<Object>>> first = askAll(store);
            PartialCache cache = store.partialCache();
            assertThat(cache.hits()).isZero();
            assertThat(cache.misses()).isEqualTo(4L * QUERIES.size());
            assertThat(cache.bytes()).isPositive();

            assertThat(askAll(store)).isEqualTo(first);
            assertThat(askAll(store)).as("cached sketches are merged from, never into").isEqualTo(first);
            assertThat(cache.hits()).isEqualTo(2L * 4 * QUERIES.size());
            assertThat(rounded(first)).isEqualTo(rounded(uncached(4)));
        }
    }

    @Test
    void newWritesAndMergesAreCountedExactlyOnce() throws Exception {
        try (ColumnarLogStore store = ColumnarLogStore.open(config(dir.resolve("a"), 16L << 20))) {
            writeParts(store, 3);
            assertThat(count(store)).isEqualTo(3 * 500L);
            store.write("t", events(3, 500)).join();
            store.refreshNow();
            assertThat(count(store)).isEqualTo(4 * 500L);
            store.compact();
            assertThat(count(store)).isEqualTo(4 * 500L);
            assertThat(rounded(askAll(store))).isEqualTo(rounded(uncached(4)));
        }
    }

    @Test
    void aCapTooSmallForAnyPartialKeepsNothingAndStillAnswersRight() throws Exception {
        try (ColumnarLogStore store = ColumnarLogStore.open(config(dir.resolve("a"), 256))) {
            writeParts(store, 3);
            List<List<List<Object>>> first = askAll(store);
            assertThat(askAll(store)).isEqualTo(first);
            assertThat(store.partialCache().hits()).isZero();
            assertThat(store.partialCache().bytes()).isLessThanOrEqualTo(256);
            assertThat(rounded(first)).isEqualTo(rounded(uncached(3)));
        }
    }

    @Test
    void aRangeThatCutsThroughPartsReadsTheirBlocksAndAgreesWithTheUncachedStore() throws Exception {
        try (ColumnarLogStore store = ColumnarLogStore.open(config(dir.resolve("a"), 16L << 20))) {
            writeParts(store, 4);
            askAll(store);
            long cut = from + 3 * HOUR + 17_000_000L;
            List<List<List<Object>>> cachedRows = new ArrayList<>();
            for (String q : QUERIES) {
                cachedRows.add(aggregate(store, q, cut, to));
            }
            store.close();
            try (ColumnarLogStore plain = ColumnarLogStore.open(config(dir.resolve("a"), 0))) {
                List<List<List<Object>>> plainRows = new ArrayList<>();
                for (String q : QUERIES) {
                    plainRows.add(aggregate(plain, q, cut, to));
                }
                assertThat(rounded(cachedRows)).isEqualTo(rounded(plainRows));
                assertThat(plain.partialCache().hits() + plain.partialCache().misses()).isZero();
            }
        }
    }

    /** The same events in a store without the cache. */
    private List<List<List<Object>>> uncached(int parts) throws Exception {
        try (ColumnarLogStore plain = ColumnarLogStore.open(config(dir.resolve("plain-" + parts), 0))) {
            writeParts(plain, parts);
            return askAll(plain);
        }
    }

    private void writeParts(ColumnarLogStore store, int parts) {
        for (int p = 0; p < parts; p++) {
            store.write("t", events(p, 500)).join();
            store.refreshNow();
        }
    }

    /** 500 events per part spread over its own 90 minutes, so each part lies wholly inside the 6 h window. */
    private List<LogEvent> events(int part, int count) {
        String[] services = {"checkout", "payments", "search"};
        List<LogEvent> out = new ArrayList<>();
        long start = from + part * 90 * 60_000_000L;
        for (int i = 0; i < count; i++) {
            int n = part * count + i;
            out.add(LogEvent.builder().tsMicros(start + i * 10_000_000L).service(services[n % 3]).host("h")
                    .level(n % 17 == 0 ? Level.ERROR : n % 5 == 0 ? Level.WARN : Level.INFO).msg("request " + n)
                    .attribute("latency", 5.0 + (n * 7919 % 1000) / 3.0).attribute("user", "u" + (n % 97)).build());
        }
        return out;
    }

    private List<List<List<Object>>> askAll(ColumnarLogStore store) {
        List<List<List<Object>>> out = new ArrayList<>();
        for (String q : QUERIES) {
            out.add(aggregate(store, q, from, to));
        }
        return out;
    }

    private long count(ColumnarLogStore store) {
        return ((Number) aggregate(store, "* | stats count()", from, to).get(0).get(0)).longValue();
    }

    private static List<List<Object>> aggregate(ColumnarLogStore store, String lql, long from, long to) {
        return store.aggregate(new SearchRequest("t", LqlParser.parse(lql), from, to, 10_000, null,
                Duration.ofSeconds(30))).rows();
    }

    /**
     * Tables with doubles cut to 12 significant digits: sums (and so averages) added in another order — blocks
     * against whole parts — differ in the last bits.
     */
    private static List<List<List<Object>>> rounded(List<List<List<Object>>> tables) {
        List<List<List<Object>>> out = new ArrayList<>();
        for (List<List<Object>> rows : tables) {
            List<List<Object>> t = new ArrayList<>();
            for (List<Object> row : rows) {
                t.add(row.stream().map(c -> c instanceof Double d && Double.isFinite(d)
                        ? (Object) new BigDecimal(d).round(new MathContext(12)).doubleValue() : c).toList());
            }
            out.add(t);
        }
        return out;
    }

    private static ColumnarStoreConfig config(Path data, long partialCacheBytes) {
        return ColumnarStoreConfig.defaults(data).toBuilder()
                .flushInterval(Duration.ofHours(1))
                .blockRows(64)
                .partialCacheBytes(partialCacheBytes)
                .build();
    }
}
