package dev.logline.store.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.query.LqlParser;
import dev.logline.query.LqlPrinter;
import dev.logline.query.filter.Filter;
import dev.logline.query.match.FilterMatcher;
import dev.logline.store.RandomCorpus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The translation itself, without the reference matcher's check of candidates that reads apply: on events the
 * index holds exactly, both bounds count exactly what {@code FilterMatcher} accepts (what count pushdown relies
 * on); on events with values too long to index, the upper bound still holds every match and the lower bound none
 * but matches.
 */
class QueryTranslationTest {

    private static final String TENANT = "acme";
    private static final String LONG_VALUES = "longs";
    private static final String AGGREGATES = "aggregates";
    private static OpenSearchLogStore store;
    private static OpenSearchHttp http;
    private static EventReader reader;
    private static long now;

    @BeforeAll
    static void open() {
        OpenSearchStoreConfig config = OpenSearchLogStoreContractTest.config(Path.of("translation-test"), 0);
        store = OpenSearchLogStore.open(config);
        http = OpenSearchHttp.connect(config);
        reader = new EventReader(http, new IndexNames(config.indexPrefix()));
        now = LogEvent.toMicros(Instant.now());
    }

    @AfterAll
    static void close() throws Exception {
        http.send("DELETE", "/" + store.config().indexPrefix() + "-*", null);
        http.close();
        store.close();
    }

    private static long count(String tenant, Filter filter, boolean upper) {
        Translation t = QueryTranslator.translate(filter);
        EventReader.Selection s = new EventReader.Selection(tenant, filter, t, now - 10L * 86_400_000_000L, now + 1);
        ObjectNode body = OpenSearchHttp.JSON.createObjectNode();
        body.set("query", reader.bounded(s, upper ? t.upper() : t.lower()));
        return http.send("POST", "/" + store.config().indexPrefix() + "-*/_count", body).path("count").asLong();
    }

    private static long expected(Filter filter, List<LogEvent> events) {
        return events.stream().filter(e -> FilterMatcher.matches(filter, e, LogEventJson.toJsonBytes(e).length)).count();
    }

    @Test
    void bothBoundsAreExactOnEventsTheIndexHoldsWhole() {
        RandomCorpus corpus = new RandomCorpus(11);
        List<LogEvent> events = corpus.events(400, now, 3 * 86_400_000_000L);
        store.write(TENANT, events).join();
        store.refreshNow();
        for (int i = 0; i < 300; i++) {
            Filter f = corpus.filter(2);
            long want = expected(f, events);
            assertThat(count(TENANT, f, true)).as("upper of %s", LqlPrinter.print(f)).isEqualTo(want);
            assertThat(count(TENANT, f, false)).as("lower of %s", LqlPrinter.print(f)).isEqualTo(want);
        }
        for (String lql : List.of("user:/pau.*/", "user:/[a-c][^x]+/", "tags:/(red|blue)/", "http.method:/G.T/",
                "service:/[a-z]+s/", "user:/pa(u|x){1,2}l?a?/", "msg:*", "time*", "\"timed out\"", "-http:*",
                "n>=100 n<200", "n:[10 TO 20] OR n:300", "status:500.0", "latency>50.5", "level:warn OR level:Error")) {
            Filter f = LqlParser.parse(lql).filter();
            assertThat(count(TENANT, f, true)).as(lql).isEqualTo(expected(f, events));
        }
    }

    @Test
    void valuesTooLongToIndexAreCandidatesNeverAnswers() {
        String longWord = "x".repeat(EventDocuments.MAX_TERM_CHARS + 10);
        List<LogEvent> events = new ArrayList<>();
        events.add(LogEvent.builder().tsMicros(now - 5).msg("before " + longWord + " after").service("long")
                .attribute("blob", longWord).attribute("n", 1L << 60).build());
        events.add(LogEvent.builder().tsMicros(now - 4).msg("before after").service("long").attribute("blob", "short")
                .attribute("n", 7L).build());
        store.write(LONG_VALUES, events).join();
        store.refreshNow();
        for (String lql : List.of("\"before after\"", "blob:" + longWord, "blob:x*", "-blob:short", "n:1152921504606846976",
                "n>1000", "NOT \"before after\"", "xxx*")) {
            Filter f = LqlParser.parse("service:long " + lql).filter();
            long want = expected(f, events);
            assertThat(count(LONG_VALUES, f, true)).as("upper of %s", lql).isGreaterThanOrEqualTo(want);
            assertThat(count(LONG_VALUES, f, false)).as("lower of %s", lql).isLessThanOrEqualTo(want);
        }
        // Reads check the candidates, so they answer exactly.
        assertThat(store.search(new dev.logline.store.SearchRequest(LONG_VALUES,
                LqlParser.parse("service:long \"before after\""), now - 1_000_000, now + 1, 10, null, null)).events())
                .extracting(e -> e.event().attribute("n")).containsExactly(7L);
    }

    @Test
    void countsRunInOpenSearchExactlyAsThePipelineAndFallBackWhenUnsure() {
        RandomCorpus corpus = new RandomCorpus(5);
        List<LogEvent> events = corpus.events(300, now, 2 * 86_400_000_000L);
        store.write(AGGREGATES, events).join();
        store.refreshNow();
        for (String lql : List.of("* | stats count()", "level:ERROR | stats count()", "nothing:* | stats count()",
                "* | stats count() by service, host", "user:pau* | stats count() by level | sort by count() desc",
                "* | timechart 1h count() by level", "latency>20 | timechart 30m count()",
                "user:/pa.*/ | stats count() by service")) {
            dev.logline.query.Query q = LqlParser.parse(lql);
            dev.logline.store.TableResult actual = store.aggregate(new dev.logline.store.SearchRequest(AGGREGATES, q,
                    now - 3 * 86_400_000_000L, now + 1, 100, null, null));
            dev.logline.query.exec.PipelineRunner oracle = new dev.logline.query.exec.PipelineRunner(q.pipes(), 10_000);
            for (LogEvent e : events) {
                int size = LogEventJson.toJsonBytes(e).length;
                if (FilterMatcher.matches(q.filter(), e, size)) {
                    oracle.accept(e, size);
                }
            }
            assertThat(actual.columns()).as(lql).isEqualTo(oracle.table().columns());
            assertThat(actual.rows()).as(lql).containsExactlyInAnyOrderElementsOf(oracle.table().rows());
        }
        // An event whose service is too long to index: counting by service reads the events instead.
        String longService = "s".repeat(EventDocuments.MAX_TERM_CHARS + 1);
        store.write(AGGREGATES, List.of(LogEvent.builder().tsMicros(now - 1).service(longService).build())).join();
        store.refreshNow();
        dev.logline.store.TableResult byService = store.aggregate(new dev.logline.store.SearchRequest(AGGREGATES,
                LqlParser.parse("* | stats count() by service"), now - 3 * 86_400_000_000L, now + 1, 100, null, null));
        assertThat(byService.rows()).contains(List.of(longService, 1L));
    }
}
