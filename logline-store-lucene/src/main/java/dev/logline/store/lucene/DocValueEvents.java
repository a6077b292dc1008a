package dev.logline.store.lucene;

import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.core.ReservedField;
import dev.logline.query.match.FieldLookup;
import dev.logline.query.pipe.Pipe;
import dev.logline.query.pipe.StatsPipe;
import dev.logline.query.pipe.TimechartPipe;
import dev.logline.query.stats.Aggregate;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

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
    private final Consumer<FieldLookup> rows;

    private DocValueEvents(List<String> fields, Consumer<FieldLookup> rows) {
        this.fields = fields;
        this.rows = rows;
    }

    /**
     * The reader for a query whose pipes start with stats or timechart over fields doc values can serve, else
     * {@code null} (the caller reads the JSON). Later pipes work on the table, so they do not matter.
     */
    static DocValueEvents forPipes(List<Pipe> pipes, Consumer<FieldLookup> rows) {
        if (pipes.isEmpty()) {
            return null;
        }
        Set<String> needed = new LinkedHashSet<>();
        List<Aggregate> aggregates;
        Pipe first = pipes.get(0);
        if (first instanceof StatsPipe) {
            aggregates = ((StatsPipe) first).aggregates();
            needed.addAll(((StatsPipe) first).by());
        } else if (first instanceof TimechartPipe) {
            aggregates = ((TimechartPipe) first).aggregates();
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
        return new DocValueEvents(List.copyOf(needed), rows);
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

    /**
     * Feeds the events {@code docs} (sorted top-level doc ids): as rows of columns to the row consumer, or, when a
     * value is only in the JSON, parsed to {@code events}; answers how many were parsed. {@code _size} is never
     * read here, so the size passed with a parsed event is its JSON length.
     */
    long feed(IndexSearcher searcher, int[] docs, ObjIntConsumer<LogEvent> events) throws IOException {
        long fromJson = 0;
        int i = 0;
        ColumnRow row = new ColumnRow(fields);
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            int end = leaf.docBase + leaf.reader().maxDoc();
            if (i >= docs.length) {
                break;
            }
            if (docs[i] >= end) {
                continue;
            }
            Column[] columns = new Column[fields.size()];
            for (int c = 0; c < columns.length; c++) {
                columns[c] = Column.of(leaf.reader(), fields.get(c));
            }
            StoredJsonReader.InSegment jsonReader = null;
            if (anyOnlyInJson(columns)) {
                // A field this segment keeps no doc values for (a string attribute): read every match's JSON.
                jsonReader = new StoredJsonReader.InSegment(leaf);
                for (; i < docs.length && docs[i] < end; i++) {
                    byte[] json = jsonReader.read(docs[i] - leaf.docBase);
                    events.accept(LogEventJson.parse(json, 0, json.length, 0), json.length);
                    fromJson++;
                }
                continue;
            }
            for (; i < docs.length && docs[i] < end; i++) {
                int doc = docs[i] - leaf.docBase;
                boolean complete = true;
                for (int c = 0; c < columns.length; c++) {
                    Object v = columns[c].read(doc);
                    if (v == ONLY_IN_JSON) {
                        complete = false;
                        break;
                    }
                    row.values[c] = v;
                }
                if (complete) {
                    rows.accept(row);
                } else {
                    if (jsonReader == null) {
                        jsonReader = new StoredJsonReader.InSegment(leaf);
                    }
                    byte[] json = jsonReader.read(doc);
                    events.accept(LogEventJson.parse(json, 0, json.length, 0), json.length);
                    fromJson++;
                }
            }
        }
        return fromJson;
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

        @Override
        Object read(int doc) throws IOException {
            if (values == null || !values.advanceExact(doc)) {
                return missing(doc);
            }
            int ord = values.ordValue();
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
