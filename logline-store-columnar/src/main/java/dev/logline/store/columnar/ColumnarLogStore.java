package dev.logline.store.columnar;

import dev.logline.core.LogEvent;
import dev.logline.core.Timestamps;
import dev.logline.query.Query;
import dev.logline.query.exec.QueryBudget;
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
import dev.logline.store.StoreFullException;
import dev.logline.store.StoreStats;
import dev.logline.store.StoredEvent;
import dev.logline.store.TableResult;
import dev.logline.store.columnar.encoding.ByteSink;
import dev.logline.store.columnar.part.BloomCache;
import dev.logline.store.columnar.part.PartAccess;
import dev.logline.store.columnar.encoding.AtRestEncryption;
import dev.logline.store.columnar.part.CorruptPartException;
import dev.logline.store.columnar.part.Part;
import dev.logline.store.columnar.partition.DayPartition;
import dev.logline.store.columnar.partition.Memtable;
import dev.logline.store.columnar.partition.MemtableFlusher;
import dev.logline.store.columnar.partition.PartMerger;
import dev.logline.store.columnar.partition.PartitionKey;
import dev.logline.store.columnar.partition.PartitionTable;
import dev.logline.store.columnar.partition.RetentionPolicy;
import dev.logline.store.columnar.query.BlockSet;
import dev.logline.store.columnar.query.EventAggregation;
import dev.logline.store.columnar.query.EventPosition;
import dev.logline.store.columnar.query.EventSearch;
import dev.logline.store.columnar.query.PartialCache;
import dev.logline.store.columnar.query.ReadCost;
import dev.logline.store.columnar.record.EventRecord;
import dev.logline.store.columnar.wal.WalFrame;
import dev.logline.store.columnar.wal.WalRecovery;
import dev.logline.store.columnar.wal.WriteAheadLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The embedded column store. A write is encoded once into event records and appended to the
 * {@link WriteAheadLog} (group commit, fsync, then the future completes); the durable records wait in a
 * {@link Memtable} per tenant and day until the flusher writes them as an immutable part (at least every
 * {@code flushInterval}: then they are searchable), and the merger folds small parts into large ones in the
 * background. Reads prune blocks from part indexes and bloom filters, then evaluate column-wise (docs/STORAGE.md).
 *
 * <p>Threads it owns: the WAL writer (which also files durable records into memtables), the flusher (parts from
 * memtables, WAL release, live-tail delivery), {@code mergeThreads} mergers and a maintenance thread (retention, idle
 * partitions). {@link #close()} drains writes, flushes and stops them all.
 */
public final class ColumnarLogStore implements LogStore {

    private static final System.Logger LOG = System.getLogger(ColumnarLogStore.class.getName());
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    private static final int MAX_EVENTS_PER_WRITE = 1 << 20;
    /** A page holds at most this many events, whatever the request asks; the cursor leads to the rest. */
    public static final int MAX_PAGE = 100_000;
    /** {@link #fields} summarises at most this many of the newest matching events. */
    public static final int FIELDS_SAMPLE = 10_000;
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final Duration READ_BUDGET = Duration.ofSeconds(30);
    private static final long BLOCK_BYTES = 8L << 20;

    private final ColumnarStoreConfig config;
    private final PartAccess access;
    private final PartialCache partials;
    private final PartitionTable partitions;
    private final RetentionPolicy retention;
    private final StoreHealth health = new StoreHealth();
    private final FileChannel dataLock;
    private final WriteAheadLog wal;
    private final WalRecovery recovery;
    private final Object memLock = new Object();
    /** Durable records not yet in a part, by partition; guarded by {@link #memLock}. */
    private Map<PartitionKey, Memtable> memtables = new HashMap<>();
    /** Every WAL frame up to this one has been filed into {@link #memtables}; guarded by {@link #memLock}. */
    private long filedSeq;
    private final AtomicLong pendingBytes = new AtomicLong();
    private final Object flushLock = new Object();
    private final MemtableFlusher flusher;
    private final ConcurrentHashMap<String, CopyOnWriteArrayList<Consumer<List<StoredEvent>>>> subscribers =
            new ConcurrentHashMap<>();
    private final ScheduledExecutorService flushThread;
    private final ScheduledExecutorService maintenance;
    private final List<MergeWorker> mergers = new ArrayList<>();
    private final DiskSpace disk;
    private volatile boolean closing;
    private volatile boolean closed;

    private ColumnarLogStore(ColumnarStoreConfig config) throws IOException {
        this.config = config;
        Files.createDirectories(config.dataDir());
        LegacyData.refuseLuceneData(config.dataDir());
        this.access = new PartAccess(new BloomCache(config.bloomCacheBytes()),
                AtRestEncryption.of(config.encryptionKeys()));
        this.partials = new PartialCache(config.partialCacheBytes());
        SealingKeys.check(config.dataDir().resolve("tenants"), access.encryption());
        this.partitions = new PartitionTable(config.dataDir().resolve("tenants"), access, this::corrupt);
        this.retention = new RetentionPolicy(config, partitions);
        this.disk = new DiskSpace(config.dataDir(), config.minFreeDiskBytes());
        this.dataLock = lockDataDir(config.dataDir());
        this.flusher = new MemtableFlusher(config.blockRows(), BLOCK_BYTES, config.flushZstdLevel(), access);
        long[] replayed = new long[1];
        WriteAheadLog log = null;
        boolean success = false;
        try {
            log = WriteAheadLog.open(config.dataDir().resolve("wal"), config.walSegmentBytes(), access.encryption(),
                    frame -> {
                replayed[0] += file(frame.seq(), frame.body(), true);
            }, this::onDurable);
            this.wal = log;
            WalRecovery found = wal.recovery();
            this.recovery = new WalRecovery(found.segments(), found.framesRead(), replayed[0], found.corruptFrames(),
                    found.corruptBytes(), found.tornTailBytes());
            synchronized (memLock) {
                filedSeq = Math.max(filedSeq, wal.firstNewSeq() - 1);
            }
            if (replayed[0] > 0) {
                // Replayed events become searchable now, as they were before the restart, and leave the WAL.
                flush();
            }
            success = true;
        } finally {
            if (!success) {
                if (log != null) {
                    log.close();
                }
                partitions.closeAll();
                flusher.close();
                dataLock.close();
            }
        }
        this.flushThread = Executors.newSingleThreadScheduledExecutor(daemon("logline-flush"));
        this.maintenance = Executors.newSingleThreadScheduledExecutor(daemon("logline-maintenance"));
        long flushMs = config.flushInterval().toMillis();
        flushThread.scheduleWithFixedDelay(guarded("flush", this::flush), flushMs, flushMs, TimeUnit.MILLISECONDS);
        for (int i = 0; i < config.mergeThreads(); i++) {
            MergeWorker m = new MergeWorker(config, partitions, access, health, this::corrupt, "logline-merge-" + i);
            mergers.add(m);
            m.start();
        }
        long idleMs = Math.max(1000, config.idleCloseAfter().toMillis() / 2);
        maintenance.scheduleWithFixedDelay(guarded("idle close",
                () -> partitions.closeIdle(config.idleCloseAfter().toNanos())), idleMs, idleMs, TimeUnit.MILLISECONDS);
        maintenance.scheduleWithFixedDelay(guarded("retention", this::applyRetention), 0,
                config.retentionInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Opens (or creates) the store in {@code config.dataDir()}, replaying the WAL beyond what parts hold. */
    public static ColumnarLogStore open(ColumnarStoreConfig config) {
        try {
            return new ColumnarLogStore(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the store in " + config.dataDir() + ": " + e.getMessage(), e);
        }
    }

    /** One store per data folder: a second one would interleave its WAL with ours. */
    private static FileChannel lockDataDir(Path dataDir) throws IOException {
        FileChannel ch = FileChannel.open(dataDir.resolve("store.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
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

    public ColumnarStoreConfig config() {
        return config;
    }

    /** What the WAL recovery found when this store opened. */
    public WalRecovery recovery() {
        return recovery;
    }

    /**
     * How many part files each encryption key seals now ("" counts plain parts): once a retired key counts none, it
     * can be removed from the keys.
     */
    public Map<String, Integer> partsByKey() {
        try {
            return SealingKeys.partsByKey(config.dataDir().resolve("tenants"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the parts in " + config.dataDir(), e);
        }
    }

    /** The cache of whole parts' stats/timechart partials (hits, misses, bytes), for /metrics and tests. */
    public PartialCache partialCache() {
        return partials;
    }

    /** Damage found and merges done so far, for /metrics. */
    public StoreHealth health() {
        return health;
    }

    /** A part failed its checks (on open or on a read): set it aside once, count it, say so in the log. */
    private void corrupt(CorruptPartException e) {
        boolean first = true;
        for (DayPartition p : partitions.openPartitions()) {
            if (e.path().startsWith(p.path())) {
                // False when an earlier read already set it aside; at open the partition is not listed yet.
                first = p.quarantine(e.path());
            }
        }
        if (!first) {
            return;
        }
        health.corruptPart(e.path());
        LOG.log(System.Logger.Level.ERROR, e.getMessage() + "; it is set aside as .corrupt and the rest of the "
                + "partition keeps serving", e);
    }

    // ---------------------------------------------------------------- writing

    @Override
    public String admissionError(String tenant, LogEvent event) {
        AcceptWindow w = acceptWindow();
        if (event.tsMicros() < w.oldest) {
            return "time " + Timestamps.formatMicros(event.tsMicros()) + " is older than the store accepts (from "
                    + Timestamps.formatMicros(w.oldest) + "); see acceptPast and retentionDays";
        }
        if (event.tsMicros() > w.newest) {
            return "time " + Timestamps.formatMicros(event.tsMicros()) + " is further in the future than the store "
                    + "accepts (up to " + Timestamps.formatMicros(w.newest) + "); check the sender's clock";
        }
        return null;
    }

    /** The times the store accepts now, [oldest, newest] in micros; recomputed at most every 100 ms. */
    private record AcceptWindow(long computedAtMillis, long oldest, long newest) {
    }

    private volatile AcceptWindow window;

    private AcceptWindow acceptWindow() {
        long nowMillis = System.currentTimeMillis();
        AcceptWindow w = window;
        if (w != null && nowMillis - w.computedAtMillis < 100 && nowMillis >= w.computedAtMillis) {
            return w;
        }
        long now = nowMillis * 1000;
        long oldest = now - config.acceptPast().toNanos() / 1000;
        if (config.retentionDays() > 0) {
            // An event retention would drop at once is refused rather than silently lost.
            oldest = Math.max(oldest, PartitionKey.startOfDayMicros(retention.oldestKeptDay()));
        }
        // The 100 ms the window may be stale is given to the sender, never taken from it.
        w = new AcceptWindow(nowMillis, oldest - 100_000, now + config.acceptFuture().toNanos() / 1000 + 100_000);
        window = w;
        return w;
    }

    @Override
    public BackpressureException backpressure() {
        if (closing) {
            return null;
        }
        StoreFullException full = disk.check();
        if (full != null) {
            return full;
        }
        long pending = pendingBytes.get();
        if (pending > config.maxPendingBytes()) {
            flushSoon();
            return new BackpressureException("the store has " + (pending >> 20) + " MiB waiting to be written to parts "
                    + "(limit " + (config.maxPendingBytes() >> 20) + " MiB); retry shortly", Duration.ofSeconds(1));
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
        BackpressureException busy = backpressure();
        if (busy != null) {
            return CompletableFuture.failedFuture(busy);
        }
        byte[] body;
        try {
            ByteSink out = new ByteSink(events.size() * 256 + 64);
            WalFrame.beginBody(out, tenant, events.size());
            for (LogEvent e : events) {
                int at = WalFrame.beginRecord(out);
                EventRecord.write(e, out);
                WalFrame.endRecord(out, at);
            }
            body = out.toByteArray();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        long bytes = body.length;
        pendingBytes.addAndGet(bytes);
        CompletableFuture<Void> done = wal.append(new WriteAheadLog.Append(body, events.size()));
        done.whenComplete((ok, failed) -> {
            if (failed != null) {
                pendingBytes.addAndGet(-bytes);
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

    /** Runs on the WAL writer thread, in sequence order, after the fsync: file the records into memtables. */
    private void onDurable(List<WriteAheadLog.Append> group) {
        for (WriteAheadLog.Append a : group) {
            file(a.seq(), a.body, false);
        }
        if (pendingBytes.get() >= config.flushBytes()) {
            flushSoon();
        }
    }

    /**
     * Files a frame's records into the memtables of their partitions; on replay, skips partitions whose parts already
     * hold the frame. Returns the records filed.
     */
    private long file(long seq, byte[] body, boolean replay) {
        String tenant = WalFrame.tenant(body);
        LocalDate cutoff = retention.oldestKeptDay();
        long[] filed = new long[1];
        Map<PartitionKey, Long> covered = replay ? new HashMap<>() : null;
        synchronized (memLock) {
            WalFrame.forEachRecord(body, (b, off, len, i) -> {
                PartitionKey key = PartitionKey.of(tenant, EventRecord.ts(b, off));
                if (replay) {
                    if (key.day().isBefore(cutoff)) {
                        return;
                    }
                    long coveredSeq = covered.computeIfAbsent(key, this::coveredSeqOf);
                    if (seq <= coveredSeq) {
                        return;
                    }
                    pendingBytes.addAndGet(len);
                } else {
                    // The write counted its whole body; the records are what waits from here on.
                    pendingBytes.addAndGet(len - (i == 0 ? body.length : 0));
                }
                memtables.computeIfAbsent(key, k -> new Memtable()).add(b, off, len, (seq << 20) | i, seq);
                filed[0]++;
            });
            if (!replay && filed[0] == 0) {
                pendingBytes.addAndGet(-body.length);
            }
            filedSeq = Math.max(filedSeq, seq);
        }
        return filed[0];
    }

    private long coveredSeqOf(PartitionKey key) {
        DayPartition p = partitions.acquire(key, false);
        if (p == null) {
            return 0;
        }
        try {
            return p.coveredSeq();
        } finally {
            p.release();
        }
    }

    private void flushSoon() {
        if (!closed) {
            try {
                flushThread.execute(guarded("flush", this::flush));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down: close() flushes
            }
        }
    }

    /**
     * Writes every memtable as a part, delivers the new events to live-tail subscribers and frees the WAL behind them.
     * A memtable whose part fails (disk full, I/O error) stays for the next attempt, and the WAL keeps its frames.
     */
    private void flush() {
        synchronized (flushLock) {
            Map<PartitionKey, Memtable> frozen;
            long coveredSeq;
            synchronized (memLock) {
                frozen = memtables;
                memtables = new HashMap<>();
                coveredSeq = filedSeq;
            }
            if (frozen.isEmpty()) {
                // Never under memLock: the WAL writer needs it to file records, and the release waits for the writer.
                wal.releaseCommitted(coveredSeq);
                return;
            }
            boolean allWritten = true;
            for (Map.Entry<PartitionKey, Memtable> e : frozen.entrySet()) {
                PartitionKey key = e.getKey();
                Memtable m = e.getValue();
                DayPartition p = null;
                try {
                    p = partitions.acquire(key, true);
                    if (p == null) {
                        // Retention is dropping this day right now: its events go with it.
                        pendingBytes.addAndGet(-m.bytes());
                        continue;
                    }
                    Part part = flusher.flush(p, m, coveredSeq);
                    if (part != null) {
                        p.add(part);
                    }
                    pendingBytes.addAndGet(-m.bytes());
                    deliver(key.tenant(), m);
                } catch (IOException | RuntimeException ex) {
                    allWritten = false;
                    health.flushFailed();
                    LOG.log(System.Logger.Level.ERROR, "could not write a part for " + key + " ("
                            + m.size() + " events stay in memory and in the WAL; retrying)", ex);
                    restore(key, m);
                } finally {
                    if (p != null) {
                        p.release();
                    }
                }
            }
            if (allWritten) {
                wal.releaseCommitted(coveredSeq);
            }
        }
    }

    /** Puts a memtable that could not be written back in front of what arrived since. */
    private void restore(PartitionKey key, Memtable failed) {
        synchronized (memLock) {
            Memtable newer = memtables.get(key);
            Memtable merged = new Memtable();
            for (Memtable m : newer == null ? List.of(failed) : List.of(failed, newer)) {
                for (int i = 0; i < m.size(); i++) {
                    merged.add(m.body(i), m.offset(i), m.length(i), m.uid(i), m.lastSeq());
                }
            }
            memtables.put(key, merged);
        }
    }

    private void deliver(String tenant, Memtable m) {
        List<Consumer<List<StoredEvent>>> listeners = subscribers.get(tenant);
        if (listeners == null || listeners.isEmpty()) {
            return;
        }
        List<StoredEvent> events = new ArrayList<>(m.size());
        for (int i = 0; i < m.size(); i++) {
            LogEvent e = EventRecord.read(m.body(i), m.offset(i), m.length(i));
            String id = new EventPosition(e.tsMicros(), m.uid(i)).text();
            events.add(new StoredEvent(id, e, dev.logline.core.LogEventJson.toJsonBytes(e).length));
        }
        List<StoredEvent> batch = List.copyOf(events);
        for (Consumer<List<StoredEvent>> listener : listeners) {
            try {
                listener.accept(batch);
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "a subscriber failed", ex);
            }
        }
    }

    /**
     * Writes every write acknowledged so far into parts (searchable, delivered to
     * subscribers). The flusher does this on its own within {@code flushInterval}; tests and shutdown call it.
     */
    public void refreshNow() {
        flush();
    }

    /**
     * Merges every partition's parts into as few as the merge limits allow and waits for it: for days no longer
     * written to, or before measuring disk use (as one force-merges an OpenSearch index). Returns the merges done.
     */
    public int compact() {
        flush();
        int merges = 0;
        for (PartitionKey key : partitions.existing(null, LocalDate.MIN, LocalDate.MAX)) {
            merges += MergeWorker.compact(partitions, key, config, access, health, this::corrupt);
        }
        return merges;
    }

    // ---------------------------------------------------------------- retention

    @Override
    public void applyRetention() {
        // Flush first so the WAL no longer holds what retention drops: a replay must not bring it back.
        flush();
        try (PartMerger merger = new PartMerger(config.blockRows(), BLOCK_BYTES, config.mergeZstdLevel(), access)) {
            retention.apply(merger);
        }
    }

    // ---------------------------------------------------------------- reading

    /** The parts of a tenant's days that meet [from, to), acquired: release each when done. */
    private List<Part> acquireParts(String tenant, long from, long to, int[] partitionCount) {
        List<Part> parts = new ArrayList<>();
        if (from >= to) {
            return parts;
        }
        for (PartitionKey key : partitions.existing(tenant, PartitionKey.dayOf(from), PartitionKey.dayOf(to - 1))) {
            DayPartition p = partitions.acquire(key, false);
            if (p == null) {
                continue;
            }
            try {
                parts.addAll(p.acquireParts());
                partitionCount[0]++;
            } finally {
                p.release();
            }
        }
        return parts;
    }

    private static void releaseAll(List<Part> parts) {
        for (Part p : parts) {
            p.release();
        }
    }

    @Override
    public SearchResult search(SearchRequest request) {
        checkTenant(request.tenant());
        long start = System.nanoTime();
        int limit = Math.min(request.limit(), MAX_PAGE);
        EventPosition after = request.cursor() == null ? null : EventPosition.cursor(request.cursor());
        int[] partitionCount = new int[1];
        List<Part> parts = acquireParts(request.tenant(), request.fromMicros(), request.toMicros(), partitionCount);
        ReadCost cost = new ReadCost();
        List<StoredEvent> page;
        try {
            BlockSet blocks = BlockSet.of(parts, request.fromMicros(), request.toMicros(), true, this::corrupt);
            page = EventSearch.run(blocks, request.query().filter(), request.fromMicros(), request.toMicros(),
                    limit + 1, true, after, request.budget(), cost);
        } finally {
            releaseAll(parts);
        }
        if (cost.timedOut() && page.isEmpty()) {
            // Nothing found before the time ran out: an empty page would say there is nothing to find.
            throw request.budget().timedOut();
        }
        String next = null;
        // One event more than asked says there is a next page; a read cut short by its time budget may have one too.
        if (page.size() > limit || (cost.timedOut() && !page.isEmpty())) {
            page = page.subList(0, Math.min(page.size(), limit));
            next = EventPosition.parse(page.get(page.size() - 1).id()).text();
        }
        return new SearchResult(page, next, new QueryCost(millisSince(start), partitionCount[0], cost.rowsScanned()));
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    @Override
    public TableResult aggregate(SearchRequest request) {
        checkTenant(request.tenant());
        long start = System.nanoTime();
        int[] partitionCount = new int[1];
        List<Part> parts = acquireParts(request.tenant(), request.fromMicros(), request.toMicros(), partitionCount);
        ReadCost cost = new ReadCost();
        Table table;
        try {
            BlockSet blocks = BlockSet.of(parts, request.fromMicros(), request.toMicros(), true, this::corrupt);
            table = EventAggregation.run(blocks, request.query(), request.fromMicros(), request.toMicros(),
                    request.budget(), cost, partials);
        } finally {
            releaseAll(parts);
        }
        return new TableResult(table.columns(), table.rows(),
                new QueryCost(millisSince(start), partitionCount[0], cost.rowsScanned()));
    }

    @Override
    public List<StoredEvent> transaction(String tenant, String field, String value, long fromMicros, long toMicros,
                                         int limit) {
        checkTenant(tenant);
        return read(tenant, new TermFilter(field, value), fromMicros, toMicros, limit, false, null);
    }

    private List<StoredEvent> read(String tenant, Filter filter, long from, long to, int limit, boolean newestFirst,
                                   EventPosition after) {
        return read(tenant, filter, from, to, limit, newestFirst, after, QueryBudget.timeOnly(READ_BUDGET),
                new ReadCost());
    }

    private List<StoredEvent> read(String tenant, Filter filter, long from, long to, int limit, boolean newestFirst,
                                   EventPosition after, QueryBudget budget, ReadCost cost) {
        int[] partitionCount = new int[1];
        List<Part> parts = acquireParts(tenant, from, to, partitionCount);
        try {
            BlockSet blocks = BlockSet.of(parts, from, to, newestFirst, this::corrupt);
            return EventSearch.run(blocks, filter, from, to, limit, newestFirst, after, budget, cost);
        } finally {
            releaseAll(parts);
        }
    }

    @Override
    public List<StoredEvent> around(String tenant, String eventId, int before, int after) {
        checkTenant(tenant);
        EventPosition at = EventPosition.parse(eventId);
        if (at == null) {
            return List.of();
        }
        StoredEvent anchor = byPosition(tenant, at);
        if (anchor == null) {
            return List.of();
        }
        LogEvent a = anchor.event();
        Filter sameSource = new AndFilter(List.of(sameValue("service", a.service()), sameValue("host", a.host())));
        List<StoredEvent> older = new ArrayList<>(read(tenant, sameSource, at.tsMicros() - MICROS_PER_DAY,
                at.tsMicros() + 1, before, true, at));
        java.util.Collections.reverse(older);
        List<StoredEvent> newer = read(tenant, sameSource, at.tsMicros(), at.tsMicros() + MICROS_PER_DAY, after, false,
                at);
        List<StoredEvent> out = new ArrayList<>(older.size() + 1 + newer.size());
        out.addAll(older);
        out.add(anchor);
        out.addAll(newer);
        return out;
    }

    /** The field equals the value, or the event lacks the field when the value is {@code null}. */
    private static Filter sameValue(String field, String value) {
        return value == null ? new NotFilter(new ExistsFilter(field)) : new TermFilter(field, value);
    }

    private StoredEvent byPosition(String tenant, EventPosition at) {
        // The event just before the position's successor, newest first: exactly the event at the position, if any.
        EventPosition next = new EventPosition(at.tsMicros(), at.uid() + 1);
        List<StoredEvent> hit = read(tenant, dev.logline.query.filter.MatchAllFilter.INSTANCE, at.tsMicros(),
                at.tsMicros() + 1, 1, true, next);
        return hit.isEmpty() || !hit.get(0).id().equals(at.text()) ? null : hit.get(0);
    }

    @Override
    public List<FieldSummary> fields(SearchRequest request, int topValues) {
        checkTenant(request.tenant());
        ReadCost cost = new ReadCost();
        List<StoredEvent> sample = read(request.tenant(), request.query().filter(), request.fromMicros(),
                request.toMicros(), FIELDS_SAMPLE, true, null, request.budget(), cost);
        if (cost.timedOut()) {
            // A sample cut short is not the newest matches it claims to summarise.
            throw request.budget().timedOut();
        }
        return FieldSummaries.of(sample, topValues);
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
            DayPartition p = partitions.acquire(key, false);
            if (p == null) {
                continue;
            }
            try {
                count++;
                bytes += p.sizeOnDisk();
                events += p.rows();
            } finally {
                p.release();
            }
        }
        long walBytes = wal.sizeBytes();
        long pendingEvents;
        synchronized (memLock) {
            pendingEvents = memtables.values().stream().mapToLong(Memtable::size).sum();
        }
        return new StoreStats(events, bytes + walBytes, count, pendingEvents, walBytes, health.corruptParts());
    }

    /** Writes what is queued, flushes it into parts, stops merges and the store's threads. */
    @Override
    public void close() throws IOException {
        if (closing) {
            return;
        }
        closing = true;
        wal.close();
        for (MergeWorker m : mergers) {
            m.stop();
        }
        flushThread.shutdown();
        maintenance.shutdown();
        try {
            flushThread.awaitTermination(30, TimeUnit.SECONDS);
            maintenance.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
        closed = true;
        flusher.close();
        try {
            partitions.closeAll();
        } finally {
            dataLock.close();
        }
    }
}
