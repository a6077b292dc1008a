package dev.logline.store.lucene;

import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.store.StoredEvent;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ObjIntConsumer;

/** Reads events out of a tenant's day partitions: pages in time order, every match, one event by id. */
final class EventReader {

    static final Sort OLDEST_FIRST = new Sort(new SortField(IndexFields.TS, SortField.Type.LONG, false),
            new SortField(IndexFields.UID_NUM, SortField.Type.LONG, false));

    /** What one read found and cost. */
    static final class Page {
        final List<StoredEvent> events = new ArrayList<>();
        int partitionsRead;
        long scanned;
        /** Events that were parsed from their stored JSON (all of them, unless doc values served the read). */
        long parsed;
        boolean timedOut;
    }

    private final PartitionTable table;

    EventReader(PartitionTable table) {
        this.table = table;
    }

    /**
     * Up to {@code max} events matching {@code filter} in [from, to), newest or oldest first, strictly after
     * {@code after} in that order when given. Stops early (marking the page timed out) past the deadline.
     */
    Page page(String tenant, Query filter, long fromMicros, long toMicros, int max, boolean newestFirst,
              EventPosition after, long deadlineNanos) {
        Page page = new Page();
        if (fromMicros >= toMicros || max <= 0) {
            return page;
        }
        List<PartitionKey> keys = table.existing(tenant, PartitionKey.dayOf(fromMicros),
                PartitionKey.dayOf(toMicros - 1));
        if (newestFirst) {
            Collections.reverse(keys);
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(filter, BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(IndexFields.TS, fromMicros, toMicros - 1), BooleanClause.Occur.FILTER);
        if (after != null) {
            b.add(beyond(after, newestFirst), BooleanClause.Occur.FILTER);
        }
        Query query = b.build();
        Sort sort = newestFirst ? DayPartition.SORT : OLDEST_FIRST;
        for (PartitionKey key : keys) {
            if (page.events.size() >= max) {
                break;
            }
            if (System.nanoTime() > deadlineNanos) {
                page.timedOut = true;
                break;
            }
            withSearcher(key, searcher -> {
                page.partitionsRead++;
                TopFieldDocs top = searcher.search(query, max - page.events.size(), sort);
                page.scanned += top.scoreDocs.length;
                int[] docs = new int[top.scoreDocs.length];
                for (int i = 0; i < docs.length; i++) {
                    docs[i] = top.scoreDocs[i].doc;
                }
                byte[][] json = StoredJsonReader.read(searcher, docs);
                for (int i = 0; i < docs.length; i++) {
                    long uid = (Long) ((FieldDoc) top.scoreDocs[i]).fields[1];
                    page.events.add(stored(key, uid, json[i]));
                }
                return null;
            });
        }
        return page;
    }

    /** Feeds every event matching {@code filter} in [from, to) to {@code sink}, in no particular order. */
    Page forEachMatch(String tenant, Query filter, long fromMicros, long toMicros, long deadlineNanos,
                      ObjIntConsumer<LogEvent> sink) {
        return forEachMatch(tenant, filter, fromMicros, toMicros, deadlineNanos, null, sink);
    }

    /**
     * Like {@link #forEachMatch(String, Query, long, long, long, ObjIntConsumer)}, but when {@code columns} is
     * given the events hold only the fields it reads, from doc values where they have them.
     */
    Page forEachMatch(String tenant, Query filter, long fromMicros, long toMicros, long deadlineNanos,
                      DocValueEvents columns, ObjIntConsumer<LogEvent> sink) {
        Page page = new Page();
        if (fromMicros >= toMicros) {
            return page;
        }
        Query query = new BooleanQuery.Builder()
                .add(filter, BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(IndexFields.TS, fromMicros, toMicros - 1), BooleanClause.Occur.FILTER)
                .build();
        for (PartitionKey key : table.existing(tenant, PartitionKey.dayOf(fromMicros),
                PartitionKey.dayOf(toMicros - 1))) {
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException("the query ran longer than its time budget; narrow the time range "
                        + "or the filter");
            }
            withSearcher(key, searcher -> {
                page.partitionsRead++;
                if (columns != null) {
                    DocValueEvents.Counts counts = columns.collect(searcher, query, deadlineNanos, sink);
                    page.parsed += counts.parsed;
                    page.scanned += counts.scanned;
                    return null;
                }
                int[] docs = searcher.search(query, MatchCollector.manager(deadlineNanos));
                for (byte[] json : StoredJsonReader.read(searcher, docs)) {
                    sink.accept(LogEventJson.parse(json, 0, json.length, 0), json.length);
                    page.scanned++;
                    page.parsed++;
                }
                return null;
            });
        }
        return page;
    }

    /** The event with this id, or {@code null}. */
    StoredEvent byId(String tenant, String eventId) {
        EventPosition.Id id = EventPosition.parseEventId(eventId);
        if (id == null) {
            return null;
        }
        PartitionKey key = new PartitionKey(tenant, id.day());
        return withSearcher(key, searcher -> {
            TopFieldDocs top = searcher.search(new TermQuery(new Term(IndexFields.UID,
                    Long.toString(id.uid(), 36))), 1, DayPartition.SORT);
            if (top.scoreDocs.length == 0) {
                return null;
            }
            return stored(key, id.uid(), StoredJsonReader.read(searcher, new int[] {top.scoreDocs[0].doc})[0]);
        });
    }

    /** What a read does with one partition's searcher. */
    @FunctionalInterface
    private interface SearcherWork<T> {
        T read(IndexSearcher searcher) throws IOException;
    }

    /**
     * Runs {@code work} on the partition's searcher, or answers {@code null} when the partition does not exist.
     * The searcher and the partition are released however the work ends, so retention can close the partition.
     */
    private <T> T withSearcher(PartitionKey key, SearcherWork<T> work) {
        DayPartition p = table.acquire(key, false);
        if (p == null) {
            return null;
        }
        try {
            IndexSearcher searcher = p.searcher();
            try {
                return work.read(searcher);
            } finally {
                p.releaseSearcher(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading partition " + p.path + " failed", e);
        } finally {
            p.release();
        }
    }

    /** Events strictly after a position in the read order. */
    private static Query beyond(EventPosition at, boolean newestFirst) {
        long ts = at.tsMicros();
        long uid = at.uid();
        Query sameTs = new BooleanQuery.Builder()
                .add(LongPoint.newExactQuery(IndexFields.TS, ts), BooleanClause.Occur.FILTER)
                .add(newestFirst ? LongPoint.newRangeQuery(IndexFields.UID_NUM, Long.MIN_VALUE, uid - 1)
                        : LongPoint.newRangeQuery(IndexFields.UID_NUM, uid + 1, Long.MAX_VALUE),
                        BooleanClause.Occur.FILTER)
                .build();
        Query otherTs = newestFirst ? LongPoint.newRangeQuery(IndexFields.TS, Long.MIN_VALUE, ts - 1)
                : LongPoint.newRangeQuery(IndexFields.TS, ts + 1, Long.MAX_VALUE);
        return new BooleanQuery.Builder().setMinimumNumberShouldMatch(1)
                .add(sameTs, BooleanClause.Occur.SHOULD).add(otherTs, BooleanClause.Occur.SHOULD).build();
    }

    private static StoredEvent stored(PartitionKey key, long uid, byte[] json) {
        LogEvent e = LogEventJson.parse(json, 0, json.length, 0);
        return new StoredEvent(EventPosition.eventId(key, uid), e, json.length);
    }
}
