package dev.logline.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.logline.core.LogEvent;
import dev.logline.core.Timestamps;
import dev.logline.query.exec.PipelineRunner;
import dev.logline.query.exec.Table;
import dev.logline.query.filter.AndFilter;
import dev.logline.query.filter.ExistsFilter;
import dev.logline.query.filter.Filter;
import dev.logline.query.filter.NotFilter;
import dev.logline.query.filter.TermFilter;
import dev.logline.store.BackpressureException;
import dev.logline.store.FieldSummaries;
import dev.logline.store.FieldSummary;
import dev.logline.store.LogStore;
import dev.logline.store.QueryCost;
import dev.logline.store.RejectedEventsException;
import dev.logline.store.SearchRequest;
import dev.logline.store.SearchResult;
import dev.logline.store.StoreStats;
import dev.logline.store.StoredEvent;
import dev.logline.store.TableResult;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The scale-out store: events in an OpenSearch cluster, one index per tenant per UTC day made from our
 * {@link IndexTemplate}. It holds no state of its own beyond its settings, so any number of Logline servers can
 * share one cluster and each answers every query.
 *
 * <p>Writes are bulk {@code create}s under content ids ({@link BulkWriter}, {@link EventIds}): a write is durable
 * when its future completes, and writing an event again stores it once. Filters are translated to OpenSearch
 * queries ({@link QueryTranslator}) whose candidates are checked with the reference matcher, so answers have LQL's
 * exact meaning; {@code count()} stats and timecharts by reserved fields run in OpenSearch ({@link CountPushdown}),
 * other pipes run here over the matching events (bounded by {@link #MAX_SCAN}). Live tail polls ({@link LiveTail});
 * retention deletes whole daily indices.
 */
public final class OpenSearchLogStore implements LogStore {

    private static final System.Logger LOG = System.getLogger(OpenSearchLogStore.class.getName());
    /** Groups a stats/timechart query may produce before it is refused. */
    public static final int MAX_GROUPS = 10_000;
    /** Most events an aggregation may read from the cluster when it cannot run there. */
    public static final long MAX_SCAN = 2_000_000;
    /** A page holds at most this many events, whatever the request asks; the cursor leads to the rest. */
    public static final int MAX_PAGE = 10_000;
    /** {@link #fields} summarises at most this many of the newest matching events. */
    public static final int FIELDS_SAMPLE = 10_000;
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final Duration READ_BUDGET = Duration.ofSeconds(30);

    private final OpenSearchStoreConfig config;
    private final OpenSearchHttp http;
    private final IndexNames names;
    private final BulkWriter writer;
    private final EventReader reader;
    private final CountPushdown counts;
    private final LiveTail tail;
    private final ScheduledExecutorService timer;
    private volatile boolean closed;

    private OpenSearchLogStore(OpenSearchStoreConfig config, OpenSearchHttp http) {
        this.config = config;
        this.http = http;
        this.names = new IndexNames(config.indexPrefix());
        this.timer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "logline-opensearch");
            t.setDaemon(true);
            return t;
        });
        this.writer = new BulkWriter(http, names, config, timer);
        this.reader = new EventReader(http, names);
        this.counts = new CountPushdown(http, reader);
        this.tail = new LiveTail(http, names, config);
        long tailMs = config.tailInterval().toMillis();
        timer.scheduleWithFixedDelay(guarded("live tail", tail::poll), tailMs, tailMs, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(guarded("retention", this::applyRetention), 1, 60, TimeUnit.MINUTES);
    }

    /**
     * Connects to the cluster and installs (or updates) the index template; fails with a message naming the
     * cluster when it cannot be reached or refuses the template.
     */
    public static OpenSearchLogStore open(OpenSearchStoreConfig config) {
        OpenSearchHttp http = OpenSearchHttp.connect(config);
        boolean ok = false;
        try {
            http.send("PUT", "/_index_template/" + config.indexPrefix() + "-events",
                    IndexTemplate.body(config, new IndexNames(config.indexPrefix())));
            OpenSearchLogStore store = new OpenSearchLogStore(config, http);
            ok = true;
            return store;
        } finally {
            if (!ok) {
                try {
                    http.close();
                } catch (IOException ignored) {
                    // the open failure is what the caller needs to see
                }
            }
        }
    }

    public OpenSearchStoreConfig config() {
        return config;
    }

    private Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                if (!closed) {
                    task.run();
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "OpenSearch store " + what + " failed: " + e.getMessage());
            }
        };
    }

    // ---------------------------------------------------------------- writing

    @Override
    public String admissionError(String tenant, LogEvent event) {
        int year = IndexNames.day(event.tsMicros()).getYear();
        if (year < 1 || year > 9999) {
            return "time " + event.tsMicros() + " µs is outside the years 1-9999 the daily index names can hold";
        }
        if (config.retentionDays() > 0 && event.tsMicros() < IndexNames.startOfDayMicros(oldestKeptDay())) {
            return "time " + Timestamps.formatMicros(event.tsMicros()) + " is older than the " + config.retentionDays()
                    + " days the store keeps; see retentionDays";
        }
        return null;
    }

    @Override
    public BackpressureException backpressure() {
        return writer.backpressure();
    }

    @Override
    public CompletableFuture<Void> write(String tenant, List<LogEvent> events) {
        try {
            IndexNames.checkTenant(tenant);
            if (closed) {
                throw new IllegalStateException("the store is closed");
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        RejectedEventsException refused = RejectedEventsException.check(this, tenant, events);
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        return writer.write(tenant, List.copyOf(events));
    }

    // ---------------------------------------------------------------- reading

    private EventReader.Selection selection(String tenant, Filter filter, long from, long to) {
        IndexNames.checkTenant(tenant);
        return new EventReader.Selection(tenant, filter, QueryTranslator.translate(filter), from, to);
    }

    private static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

    @Override
    public SearchResult search(SearchRequest request) {
        long start = System.nanoTime();
        int limit = Math.min(request.limit(), MAX_PAGE);
        EventReader.Selection s = selection(request.tenant(), request.query().filter(), request.fromMicros(),
                request.toMicros());
        JsonNode after = null;
        if (request.cursor() != null) {
            EventIds.Position at = EventIds.parse(request.cursor());
            if (at == null) {
                throw new IllegalArgumentException("cursor '" + request.cursor() + "' is not one this server gave; "
                        + "start again without a cursor");
            }
            after = sortValues(at);
        }
        EventReader.Page read = reader.page(s, limit + 1, true, after, deadline(request.timeout()));
        List<StoredEvent> page = read.events();
        String next = null;
        if (page.size() > limit || (read.timedOut() && !page.isEmpty())) {
            page = page.subList(0, Math.min(page.size(), limit));
            next = page.get(page.size() - 1).id();
        }
        return new SearchResult(page, next, cost(start, read.shards(), read.fetched()));
    }

    private static JsonNode sortValues(EventIds.Position at) {
        ArrayNode a = OpenSearchHttp.JSON.createArrayNode();
        a.add(at.tsMicros());
        a.add(at.hash());
        return a;
    }

    private static QueryCost cost(long startNanos, int shards, long scanned) {
        return new QueryCost(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), shards, scanned);
    }

    @Override
    public TableResult aggregate(SearchRequest request) {
        long start = System.nanoTime();
        EventReader.Selection s = selection(request.tenant(), request.query().filter(), request.fromMicros(),
                request.toMicros());
        PipelineRunner run = new PipelineRunner(request.query().pipes(), MAX_GROUPS);
        long read = -1;
        if (CountPushdown.applies(request.query().pipes())) {
            read = counts.run(s, request.query().pipes(), run);
            if (read < 0) {
                run = new PipelineRunner(request.query().pipes(), MAX_GROUPS);
            }
        }
        if (read < 0) {
            PipelineRunner runner = run;
            read = reader.scan(s, MAX_SCAN, deadline(request.timeout()),
                    e -> runner.accept(e.event(), e.sizeBytes()));
        }
        Table table = run.table();
        return new TableResult(table.columns(), table.rows(), cost(start, 0, read));
    }

    @Override
    public List<StoredEvent> transaction(String tenant, String field, String value, long fromMicros, long toMicros,
                                         int limit) {
        EventReader.Selection s = selection(tenant, new TermFilter(field, value), fromMicros, toMicros);
        return reader.page(s, Math.min(limit, MAX_PAGE), false, null, deadline(READ_BUDGET)).events();
    }

    @Override
    public List<StoredEvent> around(String tenant, String eventId, int before, int after) {
        IndexNames.checkTenant(tenant);
        EventIds.Position at = EventIds.parse(eventId);
        if (at == null) {
            return List.of();
        }
        StoredEvent anchor = reader.byId(tenant, at);
        if (anchor == null) {
            return List.of();
        }
        LogEvent a = anchor.event();
        Filter sameSource = new AndFilter(List.of(same("service", a.service()), same("host", a.host())));
        long deadline = deadline(READ_BUDGET);
        List<StoredEvent> older = before <= 0 ? new ArrayList<>() : new ArrayList<>(reader.page(
                selection(tenant, sameSource, a.tsMicros() - MICROS_PER_DAY, a.tsMicros() + 1), before, true,
                sortValues(at), deadline).events());
        Collections.reverse(older);
        List<StoredEvent> newer = after <= 0 ? List.of() : reader.page(
                selection(tenant, sameSource, a.tsMicros(), a.tsMicros() + MICROS_PER_DAY), after, false,
                sortValues(at), deadline).events();
        List<StoredEvent> out = new ArrayList<>(older.size() + 1 + newer.size());
        out.addAll(older);
        out.add(anchor);
        out.addAll(newer);
        return out;
    }

    /** The field equals the value, or is absent when the value is {@code null}. */
    private static Filter same(String field, String value) {
        return value == null ? new NotFilter(new ExistsFilter(field)) : new TermFilter(field, value);
    }

    @Override
    public List<FieldSummary> fields(SearchRequest request, int topValues) {
        EventReader.Selection s = selection(request.tenant(), request.query().filter(), request.fromMicros(),
                request.toMicros());
        return FieldSummaries.of(reader.page(s, FIELDS_SAMPLE, true, null, deadline(request.timeout())).events(),
                topValues);
    }

    @Override
    public AutoCloseable subscribe(String tenant, Consumer<List<StoredEvent>> listener) {
        IndexNames.checkTenant(tenant);
        return tail.subscribe(tenant, Objects.requireNonNull(listener, "listener"));
    }

    // ---------------------------------------------------------------- indices

    private LocalDate oldestKeptDay() {
        return LocalDate.now(ZoneOffset.UTC).minusDays(config.retentionDays() - 1L);
    }

    /** This store's indices and their document counts and sizes. */
    private JsonNode indices() {
        JsonNode cat = http.sendOrNull("GET", "/_cat/indices/" + names.all()
                + "?format=json&bytes=b&h=index,docs.count,store.size&expand_wildcards=open", null);
        return cat == null ? OpenSearchHttp.JSON.createArrayNode() : cat;
    }

    @Override
    public void applyRetention() {
        if (config.retentionDays() <= 0) {
            return;
        }
        LocalDate oldest = oldestKeptDay();
        for (JsonNode i : indices()) {
            String index = i.path("index").asText();
            LocalDate day = names.dayOf(index);
            if (day != null && day.isBefore(oldest)) {
                http.sendOrNull("DELETE", "/" + index, null);
                LOG.log(System.Logger.Level.INFO, "retention: deleted index " + index);
            }
        }
    }

    @Override
    public StoreStats stats() {
        long events = 0;
        long bytes = 0;
        int count = 0;
        for (JsonNode i : indices()) {
            if (names.dayOf(i.path("index").asText()) == null) {
                continue;
            }
            count++;
            events += i.path("docs.count").asLong();
            bytes += i.path("store.size").asLong();
        }
        return new StoreStats(events, bytes, count, writer.inFlight(), 0);
    }

    /** Makes everything acknowledged so far searchable now (tests, and before measuring). */
    public void refreshNow() {
        http.send("POST", "/" + names.all() + "/_refresh?ignore_unavailable=true&allow_no_indices=true", null);
    }

    /** Polls for live tail now, delivering what is searchable (tests). */
    void pollTailNow() {
        tail.poll();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        // Writes already accepted finish (their retries run on the timer) before the connection goes.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (writer.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        timer.shutdown();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
