package dev.logline.store.lucene;

import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.core.Timestamps;
import dev.logline.query.exec.PipelineRunner;
import dev.logline.query.exec.Table;
import dev.logline.query.filter.TermFilter;
import dev.logline.store.BackpressureException;
import dev.logline.store.FieldSummary;
import dev.logline.store.LogStore;
import dev.logline.store.QueryCost;
import dev.logline.store.RejectedEventsException;
import dev.logline.store.SearchRequest;
import dev.logline.store.SearchResult;
import dev.logline.store.StoreStats;
import dev.logline.store.StoredEvent;
import dev.logline.store.TableResult;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.IOUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The embedded store: every write goes to the {@link WriteAheadLog} (fsync, then the future completes), then into
 * one Lucene index per tenant per UTC day ({@link DayPartition}), searchable after the next near-real-time refresh.
 *
 * <p>Threads it owns: the WAL writer (group commit), the indexer (WAL → partitions, in sequence order), a refresher
 * (NRT refresh every {@code refreshInterval}, then delivers to subscribers) and a maintenance thread (commits and WAL
 * trimming, idle partition closing, retention). {@link #close()} drains writes, commits and stops them all.
 */
public final class LuceneLogStore implements LogStore {

    private static final System.Logger LOG = System.getLogger(LuceneLogStore.class.getName());
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    private static final int MAX_EVENTS_PER_WRITE = 1 << 20;
    /** Groups a stats/timechart query may produce before it is refused. */
    public static final int MAX_GROUPS = 10_000;
    /** A page holds at most this many events, whatever the request asks; the cursor leads to the rest. */
    public static final int MAX_PAGE = 100_000;
    /** {@link #fields} summarises at most this many of the newest matching events. */
    public static final int FIELDS_SAMPLE = 10_000;
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    /** Time budget of reads whose request carries none (transaction, around). */
    private static final Duration READ_BUDGET = Duration.ofSeconds(30);
    private static final WriteAheadLog.Append STOP = new WriteAheadLog.Append("", List.of(), List.of());

    private final LuceneStoreConfig config;
    private final PartitionTable partitions;
    private final RetentionPolicy retention;
    private final EventReader reader;
    private final LinkedBlockingQueue<WriteAheadLog.Append> indexQueue = new LinkedBlockingQueue<>();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong indexedSinceCommit = new AtomicLong();
    private final AtomicBoolean commitScheduled = new AtomicBoolean();
    private final ConcurrentHashMap<String, CopyOnWriteArrayList<Consumer<List<StoredEvent>>>> subscribers =
            new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Map.Entry<String, List<StoredEvent>>> deliveries =
            new ConcurrentLinkedQueue<>();
    private final Object refreshLock = new Object();
    private final Object checkpointLock = new Object();
    private final ScheduledExecutorService refresher;
    private final ScheduledExecutorService maintenance;
    private final List<Thread> indexers = new ArrayList<>();
    private final WriteAheadLog wal;
    private final WalRecovery recovery;
    private final FileChannel dataLock;
    /** Set once the WAL is read back; until then nothing commits. */
    private volatile SequenceWatermark indexed;
    private volatile boolean closing;
    private volatile boolean closed;

    private LuceneLogStore(LuceneStoreConfig config) throws IOException {
        this.config = config;
        this.partitions = new PartitionTable(config.dataDir().resolve("tenants"), this::indexedThrough);
        this.retention = new RetentionPolicy(config, partitions);
        this.reader = new EventReader(partitions);
        this.dataLock = lockDataDir(config.dataDir());
        long[] replayed = new long[2];
        WriteAheadLog log = null;
        boolean success = false;
        try {
            log = WriteAheadLog.open(config.dataDir().resolve("wal"), config.walSegmentBytes(), frame -> {
                replayed[0] += replay(frame);
                replayed[1] = Math.max(replayed[1], frame.seq());
            }, this::onDurable);
            this.wal = log;
            WalRecovery found = wal.recovery();
            this.recovery = new WalRecovery(found.segments(), found.framesRead(), replayed[0],
                    found.corruptFrames(), found.corruptBytes(), found.tornTailBytes());
            this.indexed = new SequenceWatermark(wal.firstNewSeq() - 1);
            checkpoint();
            refreshAll();
            success = true;
        } finally {
            if (!success) {
                IOUtils.closeWhileHandlingException(partitions::closeAll, log, dataLock);
            }
        }
        for (int i = 0; i < config.indexThreads(); i++) {
            Thread t = new Thread(this::runIndexer, "logline-indexer-" + i);
            t.setDaemon(true);
            t.start();
            indexers.add(t);
        }
        this.refresher = Executors.newSingleThreadScheduledExecutor(daemon("logline-refresh"));
        this.maintenance = Executors.newSingleThreadScheduledExecutor(daemon("logline-maintenance"));
        long refreshMs = config.refreshInterval().toMillis();
        refresher.scheduleWithFixedDelay(guarded("refresh", this::refreshAll), refreshMs, refreshMs,
                TimeUnit.MILLISECONDS);
        long commitMs = config.commitInterval().toMillis();
        maintenance.scheduleWithFixedDelay(guarded("commit", this::checkpoint), commitMs, commitMs,
                TimeUnit.MILLISECONDS);
        long idleMs = Math.max(1000, config.idleCloseAfter().toMillis() / 2);
        maintenance.scheduleWithFixedDelay(guarded("idle close",
                () -> partitions.closeIdle(config.idleCloseAfter().toNanos())), idleMs, idleMs,
                TimeUnit.MILLISECONDS);
        maintenance.scheduleWithFixedDelay(guarded("retention", this::applyRetention), 0,
                config.retentionInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One store per data folder: a second one would interleave its WAL with ours. */
    private static FileChannel lockDataDir(Path dataDir) throws IOException {
        FileChannel ch = FileChannel.open(dataDir.resolve("store.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new IOException("another store has " + dataDir + " open; stop it or use another data folder");
        }
        return ch;
    }

    /** Opens (or creates) the store in {@code config.dataDir()}, replaying the WAL after the last commit. */
    public static LuceneLogStore open(LuceneStoreConfig config) {
        try {
            return new LuceneLogStore(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the store in " + config.dataDir(), e);
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                if (!closed) {
                    task.run();
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "store " + what + " failed", e);
            }
        };
    }

    /** What the WAL recovery found when this store opened. */
    public WalRecovery recovery() {
        return recovery;
    }

    /** Partitions open right now (the rest are closed on disk until used). */
    int openPartitionCount() {
        return partitions.openCount();
    }

    /** The settings this store runs with. */
    public LuceneStoreConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- writing

    @Override
    public String admissionError(String tenant, LogEvent event) {
        long now = LogEvent.toMicros(Instant.now());
        long oldest = now - config.acceptPast().toNanos() / 1000;
        if (config.retentionDays() > 0) {
            // An event retention would drop at once is refused rather than silently lost.
            oldest = Math.max(oldest, PartitionKey.startOfDayMicros(retention.oldestKeptDay()));
        }
        if (event.tsMicros() < oldest) {
            return "time " + Timestamps.formatMicros(event.tsMicros()) + " is older than the store accepts (from "
                    + Timestamps.formatMicros(oldest) + "); see acceptPast and retentionDays";
        }
        long newest = now + config.acceptFuture().toNanos() / 1000;
        if (event.tsMicros() > newest) {
            return "time " + Timestamps.formatMicros(event.tsMicros()) + " is further in the future than the store "
                    + "accepts (up to " + Timestamps.formatMicros(newest) + "); check the sender's clock";
        }
        return null;
    }

    @Override
    public CompletableFuture<Void> write(String tenant, List<LogEvent> events) {
        try {
            checkTenant(tenant);
            if (closing) {
                throw new IllegalStateException("the store is closed");
            }
            if (events.size() > MAX_EVENTS_PER_WRITE) {
                throw new IllegalArgumentException("a write holds at most " + MAX_EVENTS_PER_WRITE + " events");
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Map<Integer, String> refused = new TreeMap<>();
        for (int i = 0; i < events.size(); i++) {
            String why = admissionError(tenant, events.get(i));
            if (why != null) {
                refused.put(i, why);
            }
        }
        if (!refused.isEmpty()) {
            return CompletableFuture.failedFuture(new RejectedEventsException(refused));
        }
        long backlog = pending.get();
        if (backlog > 0 && backlog + events.size() > config.maxPendingEvents()) {
            return CompletableFuture.failedFuture(new BackpressureException("the store is indexing " + backlog
                    + " events behind (limit " + config.maxPendingEvents() + "); retry shortly", Duration.ofSeconds(1)));
        }
        List<LogEvent> copy = List.copyOf(events);
        List<byte[]> json = new ArrayList<>(copy.size());
        for (LogEvent e : copy) {
            json.add(LogEventJson.toJsonBytes(e));
        }
        pending.addAndGet(copy.size());
        CompletableFuture<Void> done = wal.append(new WriteAheadLog.Append(tenant, copy, json));
        done.whenComplete((ok, failed) -> {
            if (failed != null) {
                pending.addAndGet(-copy.size());
            }
        });
        return done;
    }

    private static void checkTenant(String tenant) {
        Objects.requireNonNull(tenant, "tenant");
        if (!TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("invalid tenant '" + tenant + "': use 1-64 letters, digits, '_', '.' "
                    + "or '-', not starting with '.' or '-'");
        }
    }

    /** Runs on the WAL writer thread, in sequence order, after the fsync: queue for indexing. */
    private void onDurable(List<WriteAheadLog.Append> group) {
        indexQueue.addAll(group);
    }

    private long indexedThrough() {
        SequenceWatermark w = indexed;
        return w == null ? 0 : w.get();
    }

    /** One of {@code indexThreads} threads; each frame is indexed whole by one of them. */
    private void runIndexer() {
        Map<PartitionKey, DayPartition> used = new HashMap<>();
        while (true) {
            WriteAheadLog.Append a;
            try {
                a = indexQueue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (a == STOP) {
                return;
            }
            try {
                List<StoredEvent> stored = index(a.tenant, a.seq, a.events, a.eventJson, false, used);
                if (subscribers.containsKey(a.tenant)) {
                    deliveries.add(Map.entry(a.tenant, stored));
                }
            } catch (RuntimeException e) {
                // One frame that cannot be indexed must not stall every later write; it is logged.
                LOG.log(System.Logger.Level.ERROR, "indexing WAL frame " + a.seq + " failed", e);
            } finally {
                used.values().forEach(DayPartition::release);
                used.clear();
                indexed.complete(a.seq);
                pending.addAndGet(-a.events.size());
            }
            if (indexedSinceCommit.addAndGet(a.events.size()) >= config.commitEveryEvents()
                    && commitScheduled.compareAndSet(false, true)) {
                maintenance.execute(guarded("commit", this::checkpoint));
            }
        }
    }

    /** Re-indexes a WAL frame on open, skipping partitions whose last commit already holds it. */
    private long replay(WalFrame frame) {
        List<LogEvent> events = new ArrayList<>(frame.eventJson().size());
        List<byte[]> json = new ArrayList<>(frame.eventJson().size());
        for (byte[] bytes : frame.eventJson()) {
            try {
                events.add(LogEventJson.parse(bytes, 0, bytes.length, 0));
                json.add(bytes);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "WAL frame " + frame.seq() + ": unreadable event skipped", e);
            }
        }
        Map<PartitionKey, DayPartition> used = new HashMap<>();
        try {
            return index(frame.tenant(), frame.seq(), events, json, true, used).size();
        } finally {
            used.values().forEach(DayPartition::release);
        }
    }

    private List<StoredEvent> index(String tenant, long seq, List<LogEvent> events, List<byte[]> json,
                                    boolean replay, Map<PartitionKey, DayPartition> used) {
        List<StoredEvent> stored = new ArrayList<>(events.size());
        LocalDate cutoff = retention.oldestKeptDay();
        for (int i = 0; i < events.size(); i++) {
            LogEvent e = events.get(i);
            PartitionKey key = PartitionKey.of(tenant, e.tsMicros());
            if (replay && key.day().isBefore(cutoff)) {
                continue;
            }
            DayPartition p = used.get(key);
            if (p == null) {
                p = partitions.acquire(key, true);
                if (p == null) {
                    continue;
                }
                used.put(key, p);
            }
            if (replay && seq <= p.committedSeq()) {
                continue;
            }
            long uid = (seq << 20) | i;
            byte[] bytes = json.get(i);
            try {
                p.add(uid, EventDocuments.build(e, uid, bytes), replay);
                stored.add(new StoredEvent(EventPosition.eventId(key, uid), e, bytes.length));
            } catch (IOException | RuntimeException ex) {
                LOG.log(System.Logger.Level.ERROR, "could not index an event of tenant " + tenant + " (WAL seq "
                        + seq + ")", ex);
            }
        }
        return stored;
    }

    // ---------------------------------------------------------------- background work

    /** Makes everything indexed so far searchable, then hands it to subscribers. */
    private void refreshAll() {
        synchronized (refreshLock) {
            List<Map.Entry<String, List<StoredEvent>>> ready = new ArrayList<>();
            for (Map.Entry<String, List<StoredEvent>> d = deliveries.poll(); d != null; d = deliveries.poll()) {
                ready.add(d);
            }
            partitions.refreshAll();
            for (Map.Entry<String, List<StoredEvent>> d : ready) {
                if (d.getValue().isEmpty()) {
                    continue;
                }
                for (Consumer<List<StoredEvent>> listener : subscribers.getOrDefault(d.getKey(), new CopyOnWriteArrayList<>())) {
                    try {
                        listener.accept(d.getValue());
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "a subscriber failed", e);
                    }
                }
            }
        }
    }

    /**
     * Waits until every write acknowledged so far is indexed, then makes it searchable (and delivered to
     * subscribers). The refresh thread does this on its own within {@code refreshInterval}; tests and shutdown call
     * it to not wait.
     */
    public void refreshNow() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pending.get() > 0 && System.nanoTime() < deadline && !closed) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        refreshAll();
    }

    /**
     * Commits every open partition (recording the WAL position each holds) and deletes WAL segments that are
     * entirely committed.
     */
    public void checkpoint() {
        synchronized (checkpointLock) {
            commitScheduled.set(false);
            // Every partition commits at least this far, so WAL segments up to it are no longer needed.
            long seq = indexedThrough();
            indexedSinceCommit.set(0);
            if (partitions.commitAll()) {
                wal.releaseCommitted(seq);
            }
        }
    }

    /**
     * Merges every partition of every tenant to a single segment and commits; returns how many it merged. Blocking
     * and I/O-heavy: for days that are no longer written to, or before measuring disk use (as one force-merges an
     * OpenSearch index). Events written meanwhile are kept, in new segments.
     */
    public int compact() {
        checkpoint();
        int merged = 0;
        for (PartitionKey key : partitions.existing(null, LocalDate.MIN, LocalDate.MAX)) {
            DayPartition p = partitions.acquire(key, false);
            if (p == null) {
                continue;
            }
            try {
                p.compact();
                merged++;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot compact partition " + key, e);
            } finally {
                p.release();
            }
        }
        checkpoint();
        return merged;
    }

    // ---------------------------------------------------------------- retention

    @Override
    public void applyRetention() {
        // Commit first so the WAL no longer holds what retention drops: a replay must not bring it back.
        checkpoint();
        retention.apply();
    }

    // ---------------------------------------------------------------- reading

    private static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

    @Override
    public SearchResult search(SearchRequest request) {
        checkTenant(request.tenant());
        long start = System.nanoTime();
        int limit = Math.min(request.limit(), MAX_PAGE);
        EventPosition after = request.cursor() == null ? null : EventPosition.parseCursor(request.cursor());
        EventReader.Page read = reader.page(request.tenant(), FilterTranslator.translate(request.query().filter()),
                request.fromMicros(), request.toMicros(), limit + 1, true, after, deadline(request.timeout()));
        List<StoredEvent> page = read.events;
        String next = null;
        // One event more than asked says there is a next page; a read cut short by its time budget may have one too.
        if (page.size() > limit || (read.timedOut && !page.isEmpty())) {
            page = page.subList(0, Math.min(page.size(), limit));
            StoredEvent last = page.get(page.size() - 1);
            next = new EventPosition(last.event().tsMicros(), EventPosition.parseEventId(last.id()).uid()).cursor();
        }
        return new SearchResult(page, next, cost(start, read));
    }

    private static QueryCost cost(long startNanos, EventReader.Page read) {
        return new QueryCost(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), read.partitionsRead,
                read.scanned);
    }

    @Override
    public TableResult aggregate(SearchRequest request) {
        return aggregate(request, true, new long[1]);
    }

    /**
     * Runs the query's pipes over its matches; stats and timechart over doc-values fields read doc values unless
     * {@code useDocValues} is off (tests compare both reads). {@code parsed[0]} gets how many events were parsed
     * from their JSON.
     */
    TableResult aggregate(SearchRequest request, boolean useDocValues, long[] parsed) {
        checkTenant(request.tenant());
        long start = System.nanoTime();
        PipelineRunner run = new PipelineRunner(request.query().pipes(), MAX_GROUPS);
        DocValueEvents columns = useDocValues ? DocValueEvents.forPipes(request.query().pipes(), run::acceptAggregated)
                : null;
        EventReader.Page read = reader.forEachMatch(request.tenant(),
                FilterTranslator.translate(request.query().filter()), request.fromMicros(), request.toMicros(),
                deadline(request.timeout()), columns, run::accept);
        Table table = run.table();
        parsed[0] = read.parsed;
        return new TableResult(table.columns(), table.rows(), cost(start, read));
    }

    @Override
    public List<StoredEvent> transaction(String tenant, String field, String value, long fromMicros, long toMicros,
                                         int limit) {
        checkTenant(tenant);
        Query q = FilterTranslator.translate(new TermFilter(field, value));
        return reader.page(tenant, q, fromMicros, toMicros, limit, false, null, deadline(READ_BUDGET)).events;
    }

    @Override
    public List<StoredEvent> around(String tenant, String eventId, int before, int after) {
        checkTenant(tenant);
        StoredEvent anchor = reader.byId(tenant, eventId);
        if (anchor == null) {
            return List.of();
        }
        LogEvent a = anchor.event();
        Query sameSource = new BooleanQuery.Builder()
                .add(sameValue("service", a.service()), BooleanClause.Occur.FILTER)
                .add(sameValue("host", a.host()), BooleanClause.Occur.FILTER)
                .build();
        EventPosition at = new EventPosition(a.tsMicros(), EventPosition.parseEventId(anchor.id()).uid());
        long deadline = deadline(READ_BUDGET);
        List<StoredEvent> older = new ArrayList<>(reader.page(tenant, sameSource, a.tsMicros() - MICROS_PER_DAY,
                a.tsMicros() + 1, before, true, at, deadline).events);
        Collections.reverse(older);
        List<StoredEvent> newer = reader.page(tenant, sameSource, a.tsMicros(), a.tsMicros() + MICROS_PER_DAY, after,
                false, at, deadline).events;
        List<StoredEvent> out = new ArrayList<>(older.size() + 1 + newer.size());
        out.addAll(older);
        out.add(anchor);
        out.addAll(newer);
        return out;
    }

    /** The field equals the value, or the event lacks the field when the value is {@code null}. */
    private static Query sameValue(String field, String value) {
        if (value == null) {
            return new BooleanQuery.Builder()
                    .add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexFields.HAS, field)), BooleanClause.Occur.MUST_NOT)
                    .build();
        }
        return new TermQuery(new Term(field, value));
    }

    @Override
    public List<FieldSummary> fields(SearchRequest request, int topValues) {
        checkTenant(request.tenant());
        EventReader.Page sample = reader.page(request.tenant(), FilterTranslator.translate(request.query().filter()),
                request.fromMicros(), request.toMicros(), FIELDS_SAMPLE, true, null, deadline(request.timeout()));
        return FieldSummaries.of(sample.events, topValues);
    }

    @Override
    public AutoCloseable subscribe(String tenant, Consumer<List<StoredEvent>> listener) {
        checkTenant(tenant);
        Objects.requireNonNull(listener, "listener");
        subscribers.computeIfAbsent(tenant, t -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> subscribers.computeIfPresent(tenant, (t, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public StoreStats stats() {
        long events = 0;
        long bytes = 0;
        int count = 0;
        for (PartitionKey key : partitions.existing(null, LocalDate.MIN, LocalDate.MAX)) {
            count++;
            bytes += DayPartition.sizeOnDisk(partitions.pathOf(key));
            events += partitions.liveEvents(key);
        }
        long walBytes = wal.sizeBytes();
        return new StoreStats(events, bytes + walBytes, count, pending.get(), walBytes);
    }

    /** Writes what is queued, indexes it, commits every partition and stops the store's threads. */
    @Override
    public void close() throws IOException {
        if (closing) {
            return;
        }
        closing = true;
        wal.close();
        for (int i = 0; i < indexers.size(); i++) {
            indexQueue.add(STOP);
        }
        try {
            for (Thread t : indexers) {
                t.join(60_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        refresher.shutdown();
        maintenance.shutdown();
        try {
            refresher.awaitTermination(10, TimeUnit.SECONDS);
            maintenance.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        refreshAll();
        checkpoint();
        try {
            partitions.closeAll();
        } finally {
            dataLock.close();
        }
    }
}
