package dev.logline.store.lucene;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * One tenant's events of one UTC day: a Lucene index in {@code <data>/tenants/<tenant>/<yyyy-MM-dd>/}, sorted by
 * time descending (then uid descending) so newest-first reads stop early.
 *
 * <p>Ownership: the store's partition table opens a partition on demand and is its only owner. Every user (the
 * indexer, a search, retention) brackets its use with {@link #acquire()} / {@link #release()}; a partition is
 * closed only when idle with no user ({@link #closeIfIdle}), and one retired by retention deletes its files when
 * its last user releases it. Searchers from {@link #searcher()} must be given back with
 * {@link #releaseSearcher}. The refresh thread calls {@link #refresh()}; commits record in the commit user data the
 * WAL sequence number up to which this index holds every event ({@link #committedSeq()}).
 */
final class DayPartition {

    static final String WAL_SEQ_KEY = "wal.seq";
    static final Sort SORT = new Sort(new SortField(IndexFields.TS, SortField.Type.LONG, true),
            new SortField(IndexFields.UID_NUM, SortField.Type.LONG, true));

    final PartitionKey key;
    final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final LongSupplier indexedThrough;
    private volatile long committedSeq;
    private volatile boolean changedSinceRefresh;
    private volatile long lastUsedNanos = System.nanoTime();
    private int users;
    private boolean closed;
    private boolean deleteWhenReleased;

    private DayPartition(PartitionKey key, Path path, Directory directory, IndexWriter writer,
                         SearcherManager searchers, long committedSeq, LongSupplier indexedThrough) {
        this.key = key;
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.committedSeq = committedSeq;
        this.indexedThrough = indexedThrough;
    }

    /**
     * Opens (creating when absent) the index at {@code path}; {@code indexedThrough} tells the WAL sequence number up
     * to which every frame has been fully added (to every partition), which commits record.
     */
    static DayPartition open(PartitionKey key, Path path, LongSupplier indexedThrough) {
        Directory dir = null;
        IndexWriter writer = null;
        boolean success = false;
        try {
            Files.createDirectories(path);
            dir = FSDirectory.open(path);
            IndexWriterConfig cfg = new IndexWriterConfig(new MessageAnalyzer())
                    .setIndexSort(SORT)
                    .setCodec(LoglineCodec.current())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setCommitOnClose(false)
                    .setRAMBufferSizeMB(16);
            writer = new IndexWriter(dir, cfg);
            long committed = 0;
            for (Map.Entry<String, String> e : writer.getLiveCommitData()) {
                if (e.getKey().equals(WAL_SEQ_KEY)) {
                    committed = Long.parseLong(e.getValue());
                }
            }
            SearcherManager searchers = new SearcherManager(writer, true, false, null);
            DayPartition p = new DayPartition(key, path, dir, writer, searchers, committed, indexedThrough);
            success = true;
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open partition " + path, e);
        } finally {
            if (!success) {
                IOUtils.closeWhileHandlingException(writer, dir);
            }
        }
    }

    /** Registers a user; {@code false} when the partition is closed (open a fresh one). */
    synchronized boolean acquire() {
        return acquire(true);
    }

    /**
     * Registers a user; {@code touch = false} for housekeeping (refresh, stats) that must not keep an otherwise
     * idle partition open.
     */
    synchronized boolean acquire(boolean touch) {
        if (closed) {
            return false;
        }
        users++;
        if (touch) {
            lastUsedNanos = System.nanoTime();
        }
        return true;
    }

    synchronized void release() {
        users--;
        if (users == 0 && deleteWhenReleased) {
            closeAndDelete();
        }
    }

    /** The WAL sequence number up to which the last commit holds every event of this partition. */
    long committedSeq() {
        return committedSeq;
    }

    /** Adds an event; during WAL replay {@code replace} makes re-adding an event already present harmless. */
    void add(long uid, Document doc, boolean replace) throws IOException {
        if (replace) {
            writer.updateDocument(new Term(IndexFields.UID, Long.toString(uid, 36)), doc);
        } else {
            writer.addDocument(doc);
        }
        changedSinceRefresh = true;
    }


    long deleteMatching(Query query) throws IOException {
        long seq = writer.deleteDocuments(query);
        changedSinceRefresh = true;
        return seq;
    }

    /** Makes what was added so far visible to new searchers. */
    void refresh() throws IOException {
        if (changedSinceRefresh) {
            changedSinceRefresh = false;
            searchers.maybeRefreshBlocking();
        }
    }

    IndexSearcher searcher() throws IOException {
        return searchers.acquire();
    }

    void releaseSearcher(IndexSearcher s) throws IOException {
        searchers.release(s);
    }

    /** Commits when anything changed, recording the WAL position it covers. */
    synchronized void commit() throws IOException {
        if (closed) {
            return;
        }
        commitLocked();
    }

    private void commitLocked() throws IOException {
        // Read before committing: every frame up to this seq was fully added before, so the commit holds it. Frames
        // above it may be partly in the commit too; replay re-adds them by id, which replaces rather than doubles.
        long seq = indexedThrough.getAsLong();
        if (!writer.hasUncommittedChanges()) {
            return;
        }
        writer.setLiveCommitData(Map.of(WAL_SEQ_KEY, Long.toString(seq)).entrySet());
        writer.commit();
        committedSeq = seq;
    }

    /**
     * Merges the partition down to one segment, commits and makes the merged form searchable: smaller on disk and
     * faster to read, like OpenSearch's force-merge. Blocks while merging; writes may go on meanwhile (they land in
     * new segments), so it is meant for a day no longer written to.
     */
    void compact() throws IOException {
        writer.forceMerge(1);
        synchronized (this) {
            if (closed) {
                return;
            }
            commitLocked();
            searchers.maybeRefreshBlocking();
        }
    }

    /** Commits and closes when no one uses the partition and it was untouched for {@code idleNanos}. */
    synchronized boolean closeIfIdle(long idleNanos) throws IOException {
        if (closed || users > 0 || System.nanoTime() - lastUsedNanos < idleNanos) {
            return false;
        }
        close();
        return true;
    }

    /** Commits and closes now; used at shutdown. */
    synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            commitLocked();
        } finally {
            IOUtils.close(searchers, writer, directory);
        }
    }

    /** Retention dropped this day: refuse new users and delete the files once the last user is gone. */
    synchronized void retire() {
        closed = true;
        deleteWhenReleased = true;
        if (users == 0) {
            closeAndDelete();
        }
    }

    private void closeAndDelete() {
        deleteWhenReleased = false;
        try {
            IOUtils.close(searchers, writer, directory);
        } catch (IOException e) {
            // the files go anyway
        }
        deleteTree(path);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    static long sizeOnDisk(Path root) {
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** Live documents now visible to searchers. */
    int liveDocs() {
        return writer.getDocStats().numDocs;
    }
}
