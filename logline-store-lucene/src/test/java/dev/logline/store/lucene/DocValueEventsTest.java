package dev.logline.store.lucene;

import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.query.LqlParser;
import dev.logline.store.SearchRequest;
import dev.logline.store.TableResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Aggregations read from doc values give the same tables as reading every event's JSON. */
class DocValueEventsTest {

    private static final long HOUR = 3_600_000_000L;

    @TempDir
    Path dir;

    /** Events with the awkward shapes: numbers as text, lists, nested objects, mixed types, over-long values. */
    private static List<LogEvent> events(long now) {
        Random random = new Random(42);
        String[] services = {"api", "billing", "auth", "ünïcode-svc"};
        String longHost = "h".repeat(EventDocuments.MAX_KEYWORD_CHARS + 5);
        List<LogEvent> out = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            LogEvent.Builder b = LogEvent.builder()
                    .tsMicros(now - random.nextInt(20) * HOUR - random.nextInt(1_000_000))
                    .level(Level.values()[random.nextInt(Level.values().length)])
                    .msg("request " + i);
            if (random.nextInt(10) > 0) {
                b.service(services[random.nextInt(services.length)]);
            }
            if (random.nextBoolean()) {
                b.env(random.nextBoolean() ? "prod" : "dev");
            }
            b.host(i % 97 == 0 ? longHost : "host-" + random.nextInt(5));
            if (random.nextInt(3) > 0) {
                b.durationMs(random.nextInt(5000) / 7.0);
            }
            switch (random.nextInt(8)) {
                case 0: b.attribute("latency_ms", (long) random.nextInt(2000)); break;
                case 1: b.attribute("latency_ms", random.nextDouble() * 900); break;
                case 2: b.attribute("latency_ms", Integer.toString(random.nextInt(900))); break;
                case 3: b.attribute("latency_ms", List.of(1L, 2L)); break;
                case 4: b.attribute("latency_ms", "slow"); break;
                case 5: break;
                default: b.attribute("latency_ms", (long) random.nextInt(300));
            }
            if (random.nextBoolean()) {
                b.attribute("http", Map.of("status", (long) (200 + 100 * random.nextInt(4)), "method", "GET"));
            } else if (random.nextInt(4) == 0) {
                b.attribute("http.status", 404L);
            }
            out.add(b.build());
        }
        return out;
    }

    @Test
    void docValuesAndJsonGiveIdenticalTables() throws Exception {
        long now = LogEvent.toMicros(Instant.now()) - 1_000_000L;
        try (LuceneLogStore store = LuceneLogStore.open(LuceneStoreConfig.defaults(dir)
                .withAcceptPast(Duration.ofDays(3)))) {
            List<LogEvent> all = events(now);
            store.write("t", all.subList(0, 1500)).join();
            store.refreshNow();
            store.checkpoint();
            // A second batch after a commit lands in another segment, so the read spans several.
            store.write("t", all.subList(1500, all.size())).join();
            store.refreshNow();

            List<String> queries = List.of(
                    "* | stats count() by service",
                    "* | stats count(), p95(latency_ms), avg(latency_ms), sum(latency_ms), min(latency_ms), "
                            + "max(latency_ms) by service",
                    "level:ERROR OR level:WARN | stats p50(duration_ms), count_uniq(host) by env, level",
                    "* | stats count() by host | sort by count desc | limit 3",
                    "* | stats avg(http.status), count() by http.status",
                    "* | timechart 1h count(), p99(duration_ms) by level",
                    "service:api | timechart 5m max(latency_ms)",
                    "* | stats count() by http.method, service",
                    // count() by reserved keywords and time buckets: counted per ordinal (KeyCounter)
                    "* | stats count()",
                    "* | stats count() by level, env",
                    "* | timechart 30m count() by level",
                    "level:ERROR | timechart 10m count() by service",
                    "* | timechart 1h count()",
                    // too many buckets × ordinals for the dense counter: one row per event instead
                    "* | timechart 1s count() by level, service");
            for (String lql : queries) {
                SearchRequest request = new SearchRequest("t", LqlParser.parse(lql), now - 2 * 24 * HOUR,
                        now + HOUR, 100, null, Duration.ofSeconds(30));
                long[] fastParsed = new long[1];
                long[] jsonParsed = new long[1];
                TableResult fast = store.aggregate(request, true, fastParsed);
                TableResult json = store.aggregate(request, false, jsonParsed);

                assertThat(fast.columns()).as(lql).isEqualTo(json.columns());
                assertThat(fast.rows()).as(lql).isEqualTo(json.rows());
                assertThat(json.rows()).as(lql).isNotEmpty();
                if (lql.contains("http.method")) {
                    // A string attribute keeps no doc values: every match is read from its JSON.
                    assertThat(fastParsed[0]).as(lql).isEqualTo(jsonParsed[0]);
                } else {
                    assertThat(fastParsed[0]).as(lql).isLessThan(jsonParsed[0]);
                }
            }
        }
    }

    @Test
    void groupingByKeywordsReadsNoJson() throws Exception {
        long now = LogEvent.toMicros(Instant.now()) - 1_000_000L;
        try (LuceneLogStore store = LuceneLogStore.open(LuceneStoreConfig.defaults(dir))) {
            List<LogEvent> batch = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                batch.add(LogEvent.builder().tsMicros(now - i).service(i % 3 == 0 ? "a" : "b").msg("m")
                        .attribute("latency_ms", (long) i).build());
            }
            store.write("t", batch).join();
            store.refreshNow();
            SearchRequest request = new SearchRequest("t",
                    LqlParser.parse("* | stats count(), sum(latency_ms) by service"), now - HOUR, now + HOUR, 100,
                    null, Duration.ofSeconds(30));
            long[] parsed = new long[1];

            TableResult table = store.aggregate(request, true, parsed);

            assertThat(parsed[0]).isZero();
            assertThat(table.columns()).containsExactly("service", "count", "sum(latency_ms)");
            assertThat(table.rows()).containsExactly(List.of("a", 67L, 6633L), List.of("b", 133L, 13267L));
        }
    }

    private static DocValueEvents forPipes(String lql) {
        return DocValueEvents.forPipes(LqlParser.parse(lql).pipes(), (row, times) -> { });
    }

    @Test
    void queriesDocValuesCannotServeReadTheJson() {
        assertThat(forPipes("* | stats count() by msg")).isNull();
        assertThat(forPipes("* | stats avg(_size)")).isNull();
        assertThat(forPipes("* | where level:ERROR | stats count()"))
                .isNull();
        assertThat(forPipes("* | stats count() by error.type")).isNull();
        assertThat(forPipes("* | stats count() by service, http.status"))
                .isNotNull();
    }
}
