package dev.logline.store;

import dev.logline.core.ErrorInfo;
import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.query.LqlParser;
import dev.logline.query.LqlPrinter;
import dev.logline.query.Query;
import dev.logline.query.exec.PipelineRunner;
import dev.logline.query.exec.Table;
import dev.logline.query.filter.Filter;
import dev.logline.query.match.FilterMatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link LogStore} must show (after Zipkin's ITSpanStore): subclass it, say how to open your
 * store on a folder, and run it. Times are relative to now so every event sits inside any sane acceptance window.
 */
public abstract class LogStoreContract {

    protected static final String TENANT = "acme";
    protected static final long HOUR = 3_600_000_000L;
    protected static final long DAY = 24 * HOUR;

    @TempDir
    protected Path dir;
    protected LogStore store;
    /** A little before now: the newest test events are at or before this. */
    protected long now;

    /** Opens a store on {@code dir} with its default settings (retention long enough for events of days ago). */
    protected abstract LogStore openStore(Path dir);

    /** Opens a store on {@code dir} that keeps {@code retentionDays} days ({@code 0}: forever). */
    protected abstract LogStore openStore(Path dir, int retentionDays);

    /** Blocks until everything written so far is searchable (and delivered to subscribers). */
    protected abstract void awaitSearchable(LogStore store);

    @BeforeEach
    void openTheStore() {
        now = LogEvent.toMicros(java.time.Instant.now()) - 1_000_000L;
        store = openStore(dir);
    }

    @AfterEach
    void closeTheStore() throws Exception {
        if (store != null) {
            store.close();
        }
    }

    /** Closes the store and opens it again on the same folder. */
    protected void reopen() throws Exception {
        store.close();
        store = openStore(dir);
    }

    // ---------------------------------------------------------------- helpers

    protected static LogEvent.Builder event(long tsMicros, String msg) {
        return LogEvent.builder().tsMicros(tsMicros).msg(msg).service("shop").host("node-1");
    }

    protected void write(String tenant, List<LogEvent> events) {
        store.write(tenant, events).join();
        awaitSearchable(store);
    }

    protected void write(LogEvent... events) {
        write(TENANT, List.of(events));
    }

    protected SearchRequest request(String tenant, String lql, int limit, String cursor) {
        return new SearchRequest(tenant, LqlParser.parse(lql), now - 40 * DAY, now + HOUR, limit, cursor,
                Duration.ofSeconds(30));
    }

    /** Every matching event, newest first, reading page after page. */
    protected List<StoredEvent> searchAll(String tenant, String lql) {
        return searchAll(tenant, LqlParser.parse(lql), 1000);
    }

    protected List<StoredEvent> searchAll(String tenant, Query query, int pageSize) {
        List<StoredEvent> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10_000; page++) {
            SearchResult r = store.search(new SearchRequest(tenant, query, now - 40 * DAY, now + HOUR, pageSize,
                    cursor, Duration.ofSeconds(30)));
            all.addAll(r.events());
            cursor = r.nextCursor();
            if (cursor == null) {
                return all;
            }
        }
        throw new AssertionError("paging did not end");
    }

    protected List<String> msgs(String lql) {
        return searchAll(TENANT, lql).stream().map(e -> e.event().msg()).collect(Collectors.toList());
    }

    // ---------------------------------------------------------------- writing and reading back

    @Test
    void writtenEventsComeBackNewestFirstWithIdAndSize() {
        LogEvent a = event(now - 3 * HOUR, "first").attribute("order_id", "ORD1").build();
        LogEvent b = event(now - 2 * HOUR, "second").level(Level.WARN).build();
        LogEvent c = event(now - HOUR, "third").error(new ErrorInfo("java.io.IOException", "disk")).build();
        write(a, c, b);

        List<StoredEvent> found = searchAll(TENANT, "*");

        assertThat(found).extracting(StoredEvent::event).containsExactly(c, b, a);
        assertThat(found).extracting(StoredEvent::id).doesNotContainNull().doesNotHaveDuplicates();
        for (StoredEvent e : found) {
            assertThat(e.sizeBytes()).isEqualTo(LogEventJson.toJsonBytes(e.event()).length);
        }
    }

    @Test
    void timeRangeIsFromInclusiveToExclusive() {
        write(event(now - 2 * HOUR, "old").build(), event(now - HOUR, "edge").build(), event(now, "new").build());

        SearchResult r = store.search(new SearchRequest(TENANT, LqlParser.parse("*"), now - HOUR, now, 10, null,
                null));

        assertThat(r.events()).extracting(e -> e.event().msg()).containsExactly("edge");
    }

    @Test
    void filtersOnEveryKindOfField() {
        write(event(now - 5, "keyword").attribute("user", "paul").build(),
                event(now - 4, "long").attribute("status", 500L).build(),
                event(now - 3, "double").attribute("latency", 12.5).build(),
                event(now - 2, "bool").attribute("cached", true).build(),
                event(now - 1, "nested").attribute("http", Map.of("status", 503L, "method", "GET")).build(),
                event(now - 6, "flat dotted").attribute("db.name", "orders").build(),
                event(now - 7, "error").level(Level.ERROR)
                        .error(new ErrorInfo("java.net.SocketTimeoutException", "read timed out")).build());

        assertThat(msgs("user:paul")).containsExactly("keyword");
        assertThat(msgs("status:500")).containsExactly("long");
        assertThat(msgs("latency:12.5")).containsExactly("double");
        assertThat(msgs("cached:true")).containsExactly("bool");
        assertThat(msgs("cached:false")).isEmpty();
        assertThat(msgs("http.status:503")).containsExactly("nested");
        assertThat(msgs("http.method:GET")).containsExactly("nested");
        assertThat(msgs("db.name:orders")).containsExactly("flat dotted");
        assertThat(msgs("error.type:java.net.SocketTimeoutException")).containsExactly("error");
        assertThat(msgs("level:error")).containsExactly("error");
        assertThat(msgs("level:ERROR")).containsExactly("error");
        assertThat(msgs("service:shop")).hasSize(7);
    }

    @Test
    void wordsPhrasesPrefixesAndRegexes() {
        write(event(now - 3, "Read timed out after 30s").logger("shop.auth.Tokens").build(),
                event(now - 2, "out of time").logger("shop.orders.Orders").build(),
                event(now - 1, "timeout talking to bank").logger("shop.auth.Login").build());

        assertThat(msgs("timed")).containsExactly("Read timed out after 30s");
        assertThat(msgs("TIMED")).containsExactly("Read timed out after 30s");
        assertThat(msgs("\"timed out\"")).containsExactly("Read timed out after 30s");
        assertThat(msgs("\"out timed\"")).isEmpty();
        assertThat(msgs("time*")).containsExactly("timeout talking to bank", "out of time",
                "Read timed out after 30s");
        assertThat(msgs("logger:shop.auth.*")).containsExactly("timeout talking to bank", "Read timed out after 30s");
        assertThat(msgs("logger:/shop\\.(orders|auth)\\.O.*/")).containsExactly("out of time");
    }

    @Test
    void rangesOnNumbersAndTime() {
        write(event(now - 3 * HOUR, "a").attribute("latency_ms", 100L).build(),
                event(now - 2 * HOUR, "b").attribute("latency_ms", 250.5).build(),
                event(now - HOUR, "c").attribute("latency_ms", 900L).build());

        assertThat(msgs("latency_ms>250")).containsExactly("c", "b");
        assertThat(msgs("latency_ms>=100 latency_ms<900")).containsExactly("b", "a");
        assertThat(msgs("latency_ms:[100 TO 250.5]")).containsExactly("b", "a");
        String from = dev.logline.core.Timestamps.formatMicros(now - 2 * HOUR);
        assertThat(msgs("ts>=" + from)).containsExactly("c", "b");
        assertThat(msgs("ts<" + from)).containsExactly("a");
    }

    @Test
    void existsAndBooleanLogic() {
        write(event(now - 3, "with user").attribute("user", "ann").attribute("status", 200L).build(),
                event(now - 2, "error one").attribute("status", 500L).build(),
                event(now - 1, "plain").build());

        assertThat(msgs("user:*")).containsExactly("with user");
        assertThat(msgs("status:* -user:*")).containsExactly("error one");
        assertThat(msgs("status:500 OR user:ann")).containsExactly("error one", "with user");
        assertThat(msgs("NOT status:500")).containsExactly("plain", "with user");
        assertThat(msgs("(status:200 OR status:500) AND NOT error")).containsExactly("with user");
    }

    // ---------------------------------------------------------------- paging

    @Test
    void cursorPagesAcrossDaysWithoutLossOrDuplicates() {
        List<LogEvent> events = new ArrayList<>();
        for (int day = 0; day < 3; day++) {
            for (int i = 0; i < 20; i++) {
                // Two events share each time, so the order needs a tie-breaker to page exactly.
                events.add(event(now - day * DAY - (i / 2) * 1000L, "d" + day + " e" + i).attribute("n", (long) events.size()).build());
            }
        }
        write(TENANT, events);

        List<StoredEvent> paged = searchAll(TENANT, LqlParser.parse("*"), 7);

        assertThat(paged).hasSize(60);
        assertThat(paged).extracting(StoredEvent::id).doesNotHaveDuplicates();
        assertThat(paged.stream().map(e -> e.event().attribute("n")).collect(Collectors.toSet())).hasSize(60);
        for (int i = 1; i < paged.size(); i++) {
            assertThat(paged.get(i).event().tsMicros()).isLessThanOrEqualTo(paged.get(i - 1).event().tsMicros());
        }
        SearchResult first = store.search(request(TENANT, "*", 7, null));
        assertThat(first.events()).hasSize(7);
        assertThat(first.nextCursor()).isNotNull();
        SearchResult last = store.search(request(TENANT, "*", 100, null));
        assertThat(last.nextCursor()).isNull();
    }

    // ---------------------------------------------------------------- transactions

    @Test
    void transactionByTraceIdSpansServicesAndDaysInTimeOrder() {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        write(event(now - DAY - 10, "gateway in").service("gateway").traceId(trace).build(),
                event(now - DAY + 5, "payment").service("payments").traceId(trace).build(),
                event(now - 3, "order stored").service("ordering").traceId(trace).build(),
                event(now - 2, "other").service("ordering").traceId("ffff").build());

        List<StoredEvent> tx = store.transaction(TENANT, "trace_id", trace, now - 40 * DAY, now + HOUR, 100);

        assertThat(tx).extracting(e -> e.event().msg()).containsExactly("gateway in", "payment", "order stored");
    }

    @Test
    void transactionByCorrelationField() {
        write(event(now - 3, "order placed").service("purchasing").attribute("order_id", "ORD987").build(),
                event(now - 2, "stock reserved").service("inventory").attribute("order_id", "ORD987").build(),
                event(now - 1, "other order").attribute("order_id", "ORD988").build());

        List<StoredEvent> tx = store.transaction(TENANT, "order_id", "ORD987", now - DAY, now + HOUR, 100);

        assertThat(tx).extracting(e -> e.event().msg()).containsExactly("order placed", "stock reserved");
        assertThat(store.transaction(TENANT, "order_id", "ORD987", now - DAY, now + HOUR, 1)).hasSize(1);
    }

    @Test
    void aroundAnEventOnTheSameServiceAndHost() {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(event(now - (10 - i) * 1000L, "e" + i).build());
            events.add(event(now - (10 - i) * 1000L + 1, "other host " + i).host("node-2").build());
        }
        write(TENANT, events);
        StoredEvent anchor = searchAll(TENANT, "e5").get(0);

        List<StoredEvent> around = store.around(TENANT, anchor.id(), 2, 3);

        assertThat(around).extracting(e -> e.event().msg()).containsExactly("e3", "e4", "e5", "e6", "e7", "e8");
        assertThat(store.around(TENANT, "no-such-id", 2, 2)).isEmpty();
        assertThat(store.around("other", anchor.id(), 2, 2)).isEmpty();
    }

    // ---------------------------------------------------------------- facets and aggregation

    @Test
    void fieldsGivesTopValues() {
        write(event(now - 4, "a").service("payments").attribute("status", 500L).build(),
                event(now - 3, "b").service("payments").build(),
                event(now - 2, "c").service("payments").build(),
                event(now - 1, "d").service("ordering").attribute("status", 200L).build());

        List<FieldSummary> fields = store.fields(request(TENANT, "*", 100, null), 1);

        FieldSummary service = fields.stream().filter(f -> f.field().equals("service")).findFirst().orElseThrow();
        assertThat(service.count()).isEqualTo(4);
        assertThat(service.topValues()).containsExactly(new FieldSummary.ValueCount("payments", 3));
        FieldSummary status = fields.stream().filter(f -> f.field().equals("status")).findFirst().orElseThrow();
        assertThat(status.count()).isEqualTo(2);
    }

    @Test
    void aggregateMatchesThePipelineOverTheSameEvents() {
        RandomCorpus corpus = new RandomCorpus(7);
        List<LogEvent> events = corpus.events(200, now, 3 * DAY);
        write(TENANT, events);

        for (String lql : List.of("* | stats count() by service", "level:ERROR | stats count(), avg(latency) by service",
                "* | stats count() by level | sort by count() desc | limit 3")) {
            Query q = LqlParser.parse(lql);
            TableResult actual = store.aggregate(request(TENANT, lql, 100, null));
            PipelineRunner oracle = new PipelineRunner(q.pipes(), 10_000);
            for (LogEvent e : events) {
                if (FilterMatcher.matches(q.filter(), e, LogEventJson.toJsonBytes(e).length)) {
                    oracle.accept(e, LogEventJson.toJsonBytes(e).length);
                }
            }
            Table expected = oracle.table();
            assertThat(actual.columns()).as(lql).isEqualTo(expected.columns());
            assertThat(rounded(actual.rows())).as(lql).containsExactlyInAnyOrderElementsOf(rounded(expected.rows()));
        }
    }

    /** Doubles to 9 significant digits: sums in another event order differ in the last bits. */
    private static List<List<Object>> rounded(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Object> r = new ArrayList<>();
            for (Object cell : row) {
                r.add(cell instanceof Double ? new java.math.BigDecimal((Double) cell)
                        .round(new java.math.MathContext(9)).doubleValue() : cell);
            }
            out.add(r);
        }
        return out;
    }

    // ---------------------------------------------------------------- live tail

    @Test
    void subscribersReceiveTheirTenantsEventsOnce() throws Exception {
        List<StoredEvent> got = new CopyOnWriteArrayList<>();
        AutoCloseable sub = store.subscribe(TENANT, got::addAll);
        write(event(now - 2, "tail me").build());
        write("other", List.of(event(now - 1, "not mine").build()));
        waitFor(() -> got.size() >= 1);

        assertThat(got).extracting(e -> e.event().msg()).containsExactly("tail me");
        sub.close();
        write(event(now, "after close").build());
        assertThat(got).extracting(e -> e.event().msg()).containsExactly("tail me");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
    }

    // ---------------------------------------------------------------- tenants, retention, restart

    @Test
    void tenantsAreIsolated() {
        write("alpha", List.of(event(now - 2, "alpha event").traceId("t1").build()));
        write("beta", List.of(event(now - 1, "beta event").traceId("t1").build()));

        assertThat(searchAll("alpha", "*")).extracting(e -> e.event().msg()).containsExactly("alpha event");
        assertThat(searchAll("beta", "*")).extracting(e -> e.event().msg()).containsExactly("beta event");
        assertThat(store.transaction("alpha", "trace_id", "t1", now - DAY, now + HOUR, 10)).hasSize(1);
        assertThat(searchAll("gamma", "*")).isEmpty();
    }

    @Test
    void retentionDropsWholeOldDays() throws Exception {
        store.close();
        store = openStore(dir, 0);
        write(event(now - 10 * DAY, "ten days ago").build(), event(now - 5 * DAY, "five days ago").build(),
                event(now - 1, "today").build());
        store.close();

        store = openStore(dir, 3);
        store.applyRetention();

        assertThat(msgs("*")).containsExactly("today");
        assertThat(store.stats().partitions()).isEqualTo(1);
    }

    @Test
    void restartKeepsEverything() throws Exception {
        List<LogEvent> events = new RandomCorpus(3).events(300, now, 2 * DAY);
        write(TENANT, events);
        reopen();

        List<StoredEvent> found = searchAll(TENANT, "*");

        assertThat(found).hasSize(300);
        assertThat(found).extracting(StoredEvent::event).containsExactlyInAnyOrderElementsOf(events);
        assertThat(store.stats().events()).isEqualTo(300);
    }

    @Test
    void realMicroserviceTracesReassembleAcrossServices() throws Exception {
        Path corpus = TrainTicketCorpus.folder();
        org.junit.jupiter.api.Assumptions.assumeTrue(corpus != null, "corpora folder absent");
        List<LogEvent> events = TrainTicketCorpus.events(corpus, now);
        write(TENANT, events);

        Map<String, List<LogEvent>> byTrace = events.stream().filter(e -> !e.traceId().isEmpty())
                .collect(Collectors.groupingBy(LogEvent::traceId));
        int multiService = 0;
        for (Map.Entry<String, List<LogEvent>> t : byTrace.entrySet()) {
            List<StoredEvent> tx = store.transaction(TENANT, "trace_id", t.getKey(), now - DAY, now + HOUR, 10_000);
            assertThat(tx).extracting(StoredEvent::event).as(t.getKey())
                    .containsExactlyInAnyOrderElementsOf(t.getValue());
            assertThat(tx).extracting(e -> e.event().tsMicros()).isSorted();
            if (tx.stream().map(e -> e.event().service()).distinct().count() > 1) {
                multiService++;
            }
        }
        assertThat(multiService).as("traces spanning services").isGreaterThan(10);
        for (String lql : List.of("error", "\"get route by id\"", "service:ts-travel-service level:INFO",
                "route* -service:ts-route-service", "msg:/.*[Ee]xception.*/")) {
            Filter f = LqlParser.parse(lql).filter();
            long expected = events.stream()
                    .filter(e -> FilterMatcher.matches(f, e, LogEventJson.toJsonBytes(e).length)).count();
            assertThat(searchAll(TENANT, lql)).as(lql).hasSize((int) expected);
        }
    }

    // ---------------------------------------------------------------- semantics against the reference matcher

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void randomQueriesAgreeWithTheReferenceMatcher(long seed) {
        RandomCorpus corpus = new RandomCorpus(seed);
        List<LogEvent> events = corpus.events(300, now, 2 * DAY);
        int[] sizes = events.stream().mapToInt(e -> LogEventJson.toJsonBytes(e).length).toArray();
        write(TENANT, events);
        for (int i = 0; i < 120; i++) {
            Filter filter = corpus.filter(2);
            Set<Object> expected = new HashSet<>();
            for (int j = 0; j < events.size(); j++) {
                if (FilterMatcher.matches(filter, events.get(j), sizes[j])) {
                    expected.add(events.get(j).attribute("n"));
                }
            }
            Set<Object> actual = searchAll(TENANT, new Query(filter, List.of()), 500).stream()
                    .map(e -> e.event().attribute("n")).collect(Collectors.toSet());
            assertThat(actual).as("seed %d: %s", seed, LqlPrinter.print(filter)).isEqualTo(expected);
        }
    }
}
