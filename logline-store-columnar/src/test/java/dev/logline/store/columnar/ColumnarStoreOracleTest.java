package dev.logline.store.columnar;

import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.query.LqlParser;
import dev.logline.query.LqlPrinter;
import dev.logline.query.Query;
import dev.logline.query.exec.PipelineRunner;
import dev.logline.query.exec.Table;
import dev.logline.query.filter.Filter;
import dev.logline.query.match.FilterMatcher;
import dev.logline.store.RandomCorpus;
import dev.logline.store.SearchRequest;
import dev.logline.store.SearchResult;
import dev.logline.store.StoredEvent;
import dev.logline.store.TableResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded random walk over the column store — writes in many small batches (many parts), merges, a retention rule,
 * restarts — checking every search and aggregation against the reference matcher and pipeline over the same events
 * in memory. The seed is printed; {@code -Dlogline.oracle.seed=N} replays one.
 */
class ColumnarStoreOracleTest {

    private static final long HOUR = 3_600_000_000L;
    private static final long DAY = 24 * HOUR;
    private static final String[] GROUP_FIELDS = {"service", "level", "user", "status", "http.status", "tags",
            "cached", "host", "http"};
    private static final String[] NUMERIC = {"latency", "status", "duration_ms", "http.status", "user", "_size"};
    private static final String[] FUNCTIONS = {"count", "sum", "avg", "min", "max", "p50", "p95", "count_uniq"};

    @TempDir
    Path dir;

    /** The aggregations asked in the last check, asked again in the next. */
    private final List<String> asked = new ArrayList<>();

    @Test
    void randomWritesMergesAndRetentionAgreeWithTheReference() throws Exception {
        long seed = Long.getLong("logline.oracle.seed", new Random().nextLong());
        System.out.println("ColumnarStoreOracleTest seed " + seed + " (replay with -Dlogline.oracle.seed=" + seed + ")");
        Random random = new Random(seed);
        long now = LogEvent.toMicros(Instant.now()) - 1_000_000L;
        RandomCorpus corpus = new RandomCorpus(seed);
        ColumnarStoreConfig config = ColumnarStoreConfig.defaults(dir).toBuilder().retentionDays(0)
                .blockRows(1 + random.nextInt(64)).acceptPast(Duration.ofDays(60)).build();
        List<LogEvent> expected = new ArrayList<>();
        ColumnarLogStore store = ColumnarLogStore.open(config);
        try {
            for (int round = 0; round < 6; round++) {
                int batches = 1 + random.nextInt(6);
                for (int b = 0; b < batches; b++) {
                    List<LogEvent> events = corpus.events(1 + random.nextInt(120), now, 3 * DAY);
                    // Renumber n so every event stays unique across batches.
                    List<LogEvent> renumbered = new ArrayList<>();
                    for (LogEvent e : events) {
                        renumbered.add(e.toBuilder().attribute("n", (long) expected.size() + renumbered.size()).build());
                    }
                    store.write("t", renumbered).join();
                    expected.addAll(renumbered);
                    if (random.nextBoolean()) {
                        store.refreshNow();
                    }
                }
                store.refreshNow();
                switch (random.nextInt(3)) {
                    case 0 -> store.compact();
                    case 1 -> {
                        store.close();
                        store = ColumnarLogStore.open(config);
                    }
                    default -> {
                        // leave the parts as they are
                    }
                }
                check(store, corpus, random, expected, now, seed);
            }
            // A retention rule: events matching it older than a day go; the reference drops the same.
            Filter rule = LqlParser.parse(random.nextBoolean() ? "level:DEBUG" : "service:payments").filter();
            store.close();
            ColumnarStoreConfig withRule = config.toBuilder().retentionRules(List.of(new RetentionRule(rule, 1))).build();
            store = ColumnarLogStore.open(withRule);
            store.applyRetention();
            long cutoff = LogEvent.toMicros(Instant.now()) - DAY;
            expected.removeIf(e -> e.tsMicros() < cutoff && FilterMatcher.matches(rule, e, size(e)));
            check(store, corpus, random, expected, now, seed);
        } finally {
            store.close();
        }
    }

    private void check(ColumnarLogStore store, RandomCorpus corpus, Random random, List<LogEvent> events, long now,
                       long seed) {
        long from = now - 4 * DAY;
        long to = now + HOUR;
        for (int i = 0; i < 40; i++) {
            Filter filter = corpus.filter(2);
            Set<Object> want = new HashSet<>();
            for (LogEvent e : events) {
                if (FilterMatcher.matches(filter, e, size(e))) {
                    want.add(e.attribute("n"));
                }
            }
            List<StoredEvent> got = searchAll(store, new Query(filter, List.of()), from, to, 1 + random.nextInt(50));
            assertThat(got).extracting(e -> e.event().attribute("n")).as("seed %d: %s", seed, LqlPrinter.print(filter))
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(want);
            for (int k = 1; k < got.size(); k++) {
                assertThat(got.get(k).event().tsMicros()).isLessThanOrEqualTo(got.get(k - 1).event().tsMicros());
            }
        }
        // The aggregations of the last round again (their parts' partials are cached from then; writes, merges,
        // restarts and retention happened since), then new ones, each asked twice (the second from the cache).
        List<String> questions = new ArrayList<>(asked);
        asked.clear();
        for (int i = 0; i < 25; i++) {
            asked.add(randomAggregation(corpus, random));
        }
        questions.addAll(asked);
        for (String lql : questions) {
            // Half of them over a range that cuts through parts, whose edge parts are never cached.
            long qFrom = random.nextBoolean() ? from : now - random.nextLong(3 * DAY);
            for (int ask = 0; ask < 2; ask++) {
                checkAggregation(store, lql, events, qFrom, to, seed);
            }
        }
    }

    private static void checkAggregation(ColumnarLogStore store, String lql, List<LogEvent> events, long from, long to,
                                         long seed) {
        Query q = LqlParser.parse(lql);
        PipelineRunner oracle = new PipelineRunner(q.pipes(), 10_000);
        for (LogEvent e : events) {
            if (e.tsMicros() >= from && e.tsMicros() < to && FilterMatcher.matches(q.filter(), e, size(e))) {
                oracle.accept(e, size(e));
            }
        }
        Table want = oracle.table();
        TableResult got = store.aggregate(new SearchRequest("t", q, from, to, 10_000, null, Duration.ofSeconds(60)));
        assertThat(got.columns()).as("seed %d: %s", seed, lql).isEqualTo(want.columns());
        assertThat(rounded(got.rows())).as("seed %d: %s from %d", seed, lql, from)
                .containsExactlyInAnyOrderElementsOf(rounded(want.rows()));
    }

    private static String randomAggregation(RandomCorpus corpus, Random random) {
        StringBuilder q = new StringBuilder(random.nextInt(3) == 0 ? LqlPrinter.print(corpus.filter(1)) : "*");
        q.append(random.nextBoolean() ? " | stats " : " | timechart " + (1 + random.nextInt(12)) + "h ");
        int n = 1 + random.nextInt(3);
        Set<String> columns = new java.util.LinkedHashSet<>();
        while (columns.size() < n) {
            String f = FUNCTIONS[random.nextInt(FUNCTIONS.length)];
            boolean field = !f.equals("count") || random.nextBoolean();
            columns.add(f + "(" + (field ? NUMERIC[random.nextInt(NUMERIC.length)] : "") + ")");
        }
        q.append(String.join(", ", columns));
        Set<String> groups = new java.util.LinkedHashSet<>();
        int g = random.nextInt(4);
        while (groups.size() < g) {
            groups.add(GROUP_FIELDS[random.nextInt(GROUP_FIELDS.length)]);
        }
        if (!groups.isEmpty()) {
            q.append(" by ").append(String.join(", ", groups));
        }
        return q.toString();
    }

    private static List<StoredEvent> searchAll(ColumnarLogStore store, Query q, long from, long to, int page) {
        List<StoredEvent> all = new ArrayList<>();
        String cursor = null;
        do {
            SearchResult r = store.search(new SearchRequest("t", q, from, to, page, cursor, Duration.ofSeconds(60)));
            all.addAll(r.events());
            cursor = r.nextCursor();
        } while (cursor != null);
        return all;
    }

    private static int size(LogEvent e) {
        return LogEventJson.toJsonBytes(e).length;
    }

    private static List<List<Object>> rounded(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Object> r = new ArrayList<>();
            for (Object cell : row) {
                r.add(cell instanceof Double d && Double.isFinite(d)
                        ? new BigDecimal(d).round(new MathContext(9)).doubleValue() : cell);
            }
            out.add(r);
        }
        return out;
    }
}
