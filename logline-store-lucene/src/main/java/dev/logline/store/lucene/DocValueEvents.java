package dev.logline.store.lucene;

import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.core.ReservedField;
import dev.logline.query.match.FieldLookup;
import dev.logline.query.pipe.Pipe;
import dev.logline.query.pipe.StatsPipe;
import dev.logline.query.pipe.TimechartPipe;
import dev.logline.query.stats.Aggregate;
import dev.logline.query.stats.CountAggregate;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ObjIntConsumer;
import java.util.function.ObjLongConsumer;

/**
 * Rebuilds, from doc values instead of the stored JSON, just the fields an aggregation reads of each matching
 * event, so {@code stats}/{@code timechart} skip decompressing and parsing every event.
 *
 * <p>The values go to the same {@code PipelineRunner} as one reused row of columns per event (no event object is
 * built), so results equal the JSON path's: a field's value reads back with the type the JSON gives, and an event
 * with a value that has no doc values (a list, a string where a number was expected, an over-long keyword) is read
 * from its JSON instead and fed as an event.
 */
final class DocValueEvents {

    /** What {@link Column#read} answers when the doc has a value that only its JSON holds. */
    private static final Object ONLY_IN_JSON = new Object();

    private final List<String> fields;
    private final ObjLongConsumer<FieldLookup> rows;
    /** Only {@code count()} by reserved keywords (and the timechart bucket): counted per ordinal, see KeyCounter. */
    private final boolean countOnly;
    /** The timechart interval in micros; 0 for stats. */
    private final long bucketMicros;

    private DocValueEvents(List<String> fields, ObjLongConsumer<FieldLookup> rows, boolean countOnly,
                           long bucketMicros) {
        this.fields = fields;
        this.rows = rows;
        this.countOnly = countOnly;
        this.bucketMicros = bucketMicros;
    }

    /**
     * The reader for a query whose pipes start with stats or timechart over fields doc values can serve, else
     * {@code null} (the caller reads the JSON). Later pipes work on the table, so they do not matter.
     */
    static DocValueEvents forPipes(List<Pipe> pipes, ObjLongConsumer<FieldLookup> rows) {
        if (pipes.isEmpty()) {
            return null;
        }
        Set<String> needed = new LinkedHashSet<>();
        List<Aggregate> aggregates;
        long bucketMicros = 0;
        Pipe first = pipes.get(0);
        if (first instanceof StatsPipe) {
            aggregates = ((StatsPipe) first).aggregates();
            needed.addAll(((StatsPipe) first).by());
        } else if (first instanceof TimechartPipe) {
            aggregates = ((TimechartPipe) first).aggregates();
            bucketMicros = ((TimechartPipe) first).interval().toNanos() / 1_000L;
            needed.add("ts");
            needed.addAll(((TimechartPipe) first).by());
        } else {
            return null;
        }
        for (Aggregate a : aggregates) {
            if (a.field() != null) {
                needed.add(a.field());
            }
        }
        for (String f : needed) {
            if (!servable(f)) {
                return null;
            }
        }
        boolean countOnly = true;
        for (Aggregate a : aggregates) {
            countOnly &= a instanceof CountAggregate && a.field() == null;
        }
        for (String f : needed) {
            countOnly &= IndexFields.KEYWORDS_WITH_VALUES.contains(f) || (f.equals("ts") && bucketMicros > 0);
        }
        return new DocValueEvents(List.copyOf(needed), rows, countOnly, bucketMicros);
    }

    private static boolean servable(String field) {
        ReservedField reserved = ReservedField.of(field);
        if (reserved != null) {
            return reserved == ReservedField.TS || reserved == ReservedField.DURATION_MS
                    || IndexFields.KEYWORDS_WITH_VALUES.contains(field);
        }
        // error.* reads the error when there is one; _size is the JSON's length: neither has doc values.
        return !field.startsWith("error.") && !field.equals(IndexFields.SIZE) && !field.startsWith("#");
    }

    /** What one {@link #collect} call did: matches seen and events parsed from their JSON. */
    static final class Counts {
        long scanned;
        long parsed;
    }

    /**
     * Streams the matches of {@code query} in one partition, segment by segment: as rows of columns to the row
     * consumer, or, when a value is only in the JSON, parsed to {@code events}. {@code _size} is never read here,
     * so the size passed with a parsed event is its JSON length. No list of matching ids is built.
     */
    Counts collect(IndexSearcher searcher, Query query, long deadlineNanos, ObjIntConsumer<LogEvent> events)
            throws IOException {
        Counts counts = new Counts();
        Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        ColumnRow row = new ColumnRow(fields);
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            checkDeadline(deadlineNanos);
            if (countFromTerms(leaf, weight, row)) {
                counts.scanned += leaf.reader().maxDoc();
                continue;
            }
            Scorer scorer = weight.scorer(leaf);
            if (scorer != null) {
                feedLeaf(leaf, scorer.iterator(), deadlineNanos, row, events, counts);
            }
        }
        return counts;
    }

    private static void checkDeadline(long deadlineNanos) {
        if (System.nanoTime() > deadlineNanos) {
            throw new IllegalStateException("the query ran longer than its time budget; narrow the time range or "
                    + "the filter");
        }
    }

    /**
     * {@code count()} by at most one reserved keyword over a segment every document of which matches (and none is
     * deleted): each term's document frequency is its group's count, so no document is visited. {@code false}
     * when that does not apply (the caller visits the matches).
     */
    private boolean countFromTerms(LeafReaderContext leaf, Weight weight, ColumnRow row) throws IOException {
        LeafReader reader = leaf.reader();
        if (!countOnly || fields.size() > 1 || (fields.size() == 1 && fields.get(0).equals("ts"))
                || reader.getLiveDocs() != null || weight.count(leaf) != reader.maxDoc()) {
            return false;
        }
        int maxDoc = reader.maxDoc();
        if (fields.isEmpty()) {
            rows.accept(row, maxDoc);
            return true;
        }
        String field = fields.get(0);
        Terms has = reader.terms(IndexFields.HAS);
        TermsEnum hasTerms = has == null ? null : has.iterator();
        int withValue = hasTerms != null && hasTerms.seekExact(new BytesRef(field)) ? hasTerms.docFreq() : 0;
        Terms terms = reader.terms(field);
        long indexed = 0;
        if (terms != null) {
            TermsEnum te = terms.iterator();
            while (te.next() != null) {
                indexed += te.docFreq();
            }
        }
        if (indexed != withValue) {
            // Some values were too long to index as a term: count those documents one by one.
            return false;
        }
        if (terms != null) {
            TermsEnum te = terms.iterator();
            for (BytesRef term = te.next(); term != null; term = te.next()) {
                row.values[0] = term.utf8ToString();
                rows.accept(row, te.docFreq());
            }
        }
        if (maxDoc > withValue) {
            row.values[0] = null;
            rows.accept(row, maxDoc - withValue);
        }
        return true;
    }

    /** Visits one segment's matches in doc id order. */
    private void feedLeaf(LeafReaderContext leaf, DocIdSetIterator matches, long deadlineNanos, ColumnRow row,
                          ObjIntConsumer<LogEvent> events, Counts counts) throws IOException {
        Column[] columns = new Column[fields.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = Column.of(leaf.reader(), fields.get(c));
        }
        boolean allFromJson = anyOnlyInJson(columns);
        KeyCounter counter = countOnly && !allFromJson ? KeyCounter.of(leaf.reader(), columns, bucketMicros) : null;
        StoredJsonReader.InSegment jsonReader = null;
        // A scorer's iterator does not skip deleted documents (a search's collector would); retention rules delete.
        Bits live = leaf.reader().getLiveDocs();
        for (int doc = matches.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = matches.nextDoc()) {
            if (live != null && !live.get(doc)) {
                continue;
            }
            if ((++counts.scanned & 0xFFFF) == 0) {
                checkDeadline(deadlineNanos);
            }
            boolean fromColumns;
            if (allFromJson) {
                // A field this segment keeps no doc values for (a string attribute): every match's JSON is read.
                fromColumns = false;
            } else if (counter != null) {
                fromColumns = counter.add(doc);
            } else {
                fromColumns = true;
                for (int c = 0; c < columns.length && fromColumns; c++) {
                    Object v = columns[c].read(doc);
                    fromColumns = v != ONLY_IN_JSON;
                    row.values[c] = v;
                }
                if (fromColumns) {
                    rows.accept(row, 1);
                }
            }
            if (!fromColumns) {
                if (jsonReader == null) {
                    jsonReader = new StoredJsonReader.InSegment(leaf);
                }
                byte[] json = jsonReader.read(doc);
                events.accept(LogEventJson.parse(json, 0, json.length, 0), json.length);
                counts.parsed++;
            }
        }
        if (counter != null) {
            counter.emit(row, rows);
        }
    }

    /**
     * {@code count()} grouped by reserved keywords (and the timechart bucket) in one segment: each match adds one to
     * a dense array slot indexed by its ordinals, and each non-empty slot becomes one row with its count, so a
     * histogram over a million events touches a million doc-value ordinals and emits a few hundred rows.
     */
    private static final class KeyCounter {
        /** The most slots (ordinal combinations × buckets) counted densely; beyond it rows go one by one. */
        private static final int MAX_SLOTS = 1 << 20;

        private final Column[] columns;
        private final int[] radix;
        private final long bucketMicros;
        private final long firstBucket;
        private final long[] counts;

        private KeyCounter(Column[] columns, int[] radix, long bucketMicros, long firstBucket, int slots) {
            this.columns = columns;
            this.radix = radix;
            this.bucketMicros = bucketMicros;
            this.firstBucket = firstBucket;
            this.counts = new long[slots];
        }

        /** A counter for the segment, or {@code null} when the key space is too big (the rows go one by one). */
        static KeyCounter of(LeafReader reader, Column[] columns, long bucketMicros) throws IOException {
            int[] radix = new int[columns.length];
            long firstBucket = 0;
            long slots = 1;
            for (int c = 0; c < columns.length; c++) {
                if (columns[c] instanceof TimeColumn) {
                    PointValues points = reader.getPointValues(IndexFields.TS);
                    if (points == null || bucketMicros <= 0) {
                        return null;
                    }
                    firstBucket = Math.floorDiv(LongPoint.decodeDimension(points.getMinPackedValue(), 0),
                            bucketMicros);
                    long lastBucket = Math.floorDiv(LongPoint.decodeDimension(points.getMaxPackedValue(), 0),
                            bucketMicros);
                    if (lastBucket - firstBucket >= MAX_SLOTS) {
                        return null;
                    }
                    radix[c] = (int) (lastBucket - firstBucket + 1);
                } else {
                    // Slot 0 is "no value"; ordinal o is slot o + 1.
                    radix[c] = ((KeywordColumn) columns[c]).valueCount() + 1;
                }
                slots *= radix[c];
                if (slots > MAX_SLOTS) {
                    return null;
                }
            }
            return new KeyCounter(columns, radix, bucketMicros, firstBucket, (int) slots);
        }

        /** Counts one doc; {@code false} when a value is only in its JSON (the caller reads that). */
        boolean add(int doc) throws IOException {
            int key = 0;
            for (int c = 0; c < columns.length; c++) {
                int digit;
                if (columns[c] instanceof TimeColumn) {
                    Object ts = columns[c].read(doc);
                    if (ts == ONLY_IN_JSON) {
                        return false;
                    }
                    digit = (int) (Math.floorDiv((Long) ts, bucketMicros) - firstBucket);
                } else {
                    int ord = ((KeywordColumn) columns[c]).ordinal(doc);
                    if (ord == KeywordColumn.ONLY_IN_JSON_ORD) {
                        return false;
                    }
                    digit = ord + 1;
                }
                key = key * radix[c] + digit;
            }
            counts[key]++;
            return true;
        }

        /** Hands each group with its count to {@code rows}. */
        void emit(ColumnRow row, ObjLongConsumer<FieldLookup> rows) throws IOException {
            for (int key = 0; key < counts.length; key++) {
                if (counts[key] == 0) {
                    continue;
                }
                int rest = key;
                for (int c = columns.length - 1; c >= 0; c--) {
                    int digit = rest % radix[c];
                    rest /= radix[c];
                    if (columns[c] instanceof TimeColumn) {
                        row.values[c] = (firstBucket + digit) * bucketMicros;
                    } else {
                        row.values[c] = digit == 0 ? null : ((KeywordColumn) columns[c]).decode(digit - 1);
                    }
                }
                rows.accept(row, counts[key]);
            }
        }
    }

    /** The current event's values of the needed fields, in {@link #fields} order; absent ones are {@code null}. */
    private static final class ColumnRow implements FieldLookup {
        private final String[] names;
        final Object[] values;

        ColumnRow(List<String> fields) {
            this.names = fields.toArray(String[]::new);
            this.values = new Object[names.length];
        }

        @Override
        public Object get(String field) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(field)) {
                    return values[i];
                }
            }
            // The pipes read only the fields forPipes collected, so any other field is one the query never names.
            return null;
        }
    }

    private static boolean anyOnlyInJson(Column[] columns) {
        for (Column c : columns) {
            if (c.onlyInJson()) {
                return true;
            }
        }
        return false;
    }

    /** One field's doc values in one segment; read docs in increasing order only. */
    private abstract static class Column {

        final String field;
        /** The docs holding a value at the field's path, to tell "absent" from "not in doc values". */
        private final PostingsEnum has;

        Column(LeafReader reader, String field) throws IOException {
            this.field = field;
            this.has = postings(reader, field);
        }

        static Column of(LeafReader reader, String field) throws IOException {
            if (field.equals("ts")) {
                return new TimeColumn(reader);
            }
            if (IndexFields.KEYWORDS_WITH_VALUES.contains(field)) {
                return new KeywordColumn(reader, field);
            }
            return new NumberColumn(reader, field);
        }

        private static PostingsEnum postings(LeafReader reader, String field) throws IOException {
            Terms terms = reader.terms(IndexFields.HAS);
            if (terms == null) {
                return null;
            }
            TermsEnum te = terms.iterator();
            return te.seekExact(new BytesRef(field)) ? te.postings(null, PostingsEnum.NONE) : null;
        }

        /** Whether the doc has a value at the path (which doc values did not hold). */
        final boolean hasValue(int doc) throws IOException {
            if (has == null) {
                return false;
            }
            int at = has.docID();
            if (at < doc) {
                at = has.advance(doc);
            }
            return at == doc && at != DocIdSetIterator.NO_MORE_DOCS;
        }

        /**
         * The doc's value as its JSON reads back (Long micros for ts, String for keywords, Long or Double for
         * numbers), {@code null} when it has none, or {@link #ONLY_IN_JSON}.
         */
        abstract Object read(int doc) throws IOException;

        /** For a doc without doc values: absent, or present only in the JSON. */
        final Object missing(int doc) throws IOException {
            return hasValue(doc) ? ONLY_IN_JSON : null;
        }

        /** Whether the segment has values for the field but no doc values for any of them. */
        final boolean onlyInJson() {
            return has != null && !hasDocValues();
        }

        abstract boolean hasDocValues();
    }

    /** The event time, which every event has. */
    private static final class TimeColumn extends Column {
        private final NumericDocValues ts;

        TimeColumn(LeafReader reader) throws IOException {
            super(reader, "ts");
            this.ts = reader.getNumericDocValues(IndexFields.TS);
        }

        @Override
        boolean hasDocValues() {
            return ts != null;
        }

        @Override
        Object read(int doc) throws IOException {
            if (ts == null || !ts.advanceExact(doc)) {
                return ONLY_IN_JSON;
            }
            return ts.longValue();
        }
    }

    /** A reserved keyword; each distinct value is decoded once per segment. */
    private static final class KeywordColumn extends Column {
        private final SortedDocValues values;
        private final String[] decoded;

        KeywordColumn(LeafReader reader, String field) throws IOException {
            super(reader, field);
            this.values = reader.getSortedDocValues(IndexFields.keywordValues(field));
            this.decoded = values == null ? new String[0] : new String[values.getValueCount()];
        }

        @Override
        boolean hasDocValues() {
            return values != null;
        }

        /** What {@link #ordinal} answers for a value only the JSON holds. */
        static final int ONLY_IN_JSON_ORD = -2;

        @Override
        Object read(int doc) throws IOException {
            int ord = ordinal(doc);
            if (ord == ONLY_IN_JSON_ORD) {
                return ONLY_IN_JSON;
            }
            return ord < 0 ? null : decode(ord);
        }

        /** The doc's ordinal, -1 when it has no value, or {@link #ONLY_IN_JSON_ORD}. */
        int ordinal(int doc) throws IOException {
            if (values == null || !values.advanceExact(doc)) {
                return missing(doc) == ONLY_IN_JSON ? ONLY_IN_JSON_ORD : -1;
            }
            return values.ordValue();
        }

        int valueCount() {
            return decoded.length;
        }

        /** The value of an ordinal, decoded once per segment. */
        String decode(int ord) throws IOException {
            String v = decoded[ord];
            if (v == null) {
                v = values.lookupOrd(ord).utf8ToString();
                decoded[ord] = v;
            }
            return v;
        }
    }

    /** duration_ms or an attribute holding one number. */
    private static final class NumberColumn extends Column {
        private final NumericDocValues longs;
        private final NumericDocValues doubles;

        NumberColumn(LeafReader reader, String field) throws IOException {
            super(reader, field);
            this.longs = reader.getNumericDocValues(IndexFields.longValues(field));
            this.doubles = reader.getNumericDocValues(IndexFields.doubleValues(field));
        }

        @Override
        boolean hasDocValues() {
            return longs != null || doubles != null;
        }

        @Override
        Object read(int doc) throws IOException {
            Object v;
            if (longs != null && longs.advanceExact(doc)) {
                v = longs.longValue();
            } else if (doubles != null && doubles.advanceExact(doc)) {
                v = Double.longBitsToDouble(doubles.longValue());
            } else {
                return missing(doc);
            }
            // duration_ms is a decimal in the event model; an integer there came from elsewhere: trust the JSON.
            if (field.equals("duration_ms") && !(v instanceof Double)) {
                return ONLY_IN_JSON;
            }
            return v;
        }
    }
}
