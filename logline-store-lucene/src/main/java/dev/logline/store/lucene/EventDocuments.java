package dev.logline.store.lucene;

import dev.logline.core.ErrorInfo;
import dev.logline.core.EventFields;
import dev.logline.core.LogEvent;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns an event into the Lucene document {@link IndexFields} describes. */
final class EventDocuments {

    /** Keyword terms above this many chars are not indexed (Lucene's term limit is 32 KiB of UTF-8). */
    static final int MAX_KEYWORD_CHARS = 8000;

    private EventDocuments() {
    }

    static Document build(LogEvent e, long uid, byte[] json) {
        Document doc = new Document();
        Set<String> has = new HashSet<>();
        NumericValues numbers = new NumericValues();
        doc.add(new LongPoint(IndexFields.TS, e.tsMicros()));
        doc.add(new NumericDocValuesField(IndexFields.TS, e.tsMicros()));
        doc.add(new StringField(IndexFields.UID, Long.toString(uid, 36), Field.Store.NO));
        doc.add(new LongPoint(IndexFields.UID_NUM, uid));
        doc.add(new NumericDocValuesField(IndexFields.UID_NUM, uid));
        doc.add(new StoredField(IndexFields.JSON, json));
        doc.add(new DoublePoint(IndexFields.numeric(IndexFields.SIZE), json.length));
        has.add(IndexFields.TS);
        has.add(IndexFields.SIZE);

        keyword(doc, has, "level", e.level().name());
        keywordValue(doc, "level", e.level().name());
        if (e.msg() != null) {
            keyword(doc, has, "msg", e.msg());
            doc.add(new TextField(IndexFields.TEXT, e.msg(), Field.Store.NO));
        }
        keyword(doc, has, "service", e.service());
        keywordValue(doc, "service", e.service());
        keyword(doc, has, "env", e.env());
        keywordValue(doc, "env", e.env());
        keyword(doc, has, "version", e.version());
        keywordValue(doc, "version", e.version());
        keyword(doc, has, "host", e.host());
        keywordValue(doc, "host", e.host());
        keyword(doc, has, "logger", e.logger());
        keywordValue(doc, "logger", e.logger());
        keyword(doc, has, "thread", e.thread());
        keyword(doc, has, "trace_id", e.traceId());
        keyword(doc, has, "span_id", e.spanId());
        keyword(doc, has, "tenant", e.tenant());
        ErrorInfo err = e.error();
        if (err != null) {
            keyword(doc, has, "error", err.type());
            keyword(doc, has, "error.type", err.type());
            keyword(doc, has, "error.message", err.message());
            keyword(doc, has, "error.stack", err.stack());
            keyword(doc, has, "error.hash", err.hash());
        }
        if (!e.steps().isEmpty()) {
            number(doc, has, "steps", e.steps().size());
        }
        if (e.durationMs() != null) {
            number(doc, has, "duration_ms", e.durationMs());
            numbers.offer("duration_ms", e.durationMs());
        }
        for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
            attribute(doc, has, numbers, a.getKey(), a.getValue());
        }
        numbers.addTo(doc);
        for (String path : has) {
            doc.add(new StringField(IndexFields.HAS, path, Field.Store.NO));
        }
        return doc;
    }

    /**
     * Indexes an attribute the way {@link EventFields#get} reads it back: objects by dotted path, each list element
     * under the list's path (a list of objects is reachable as a whole only, as the reader cannot walk into it).
     */
    private static void attribute(Document doc, Set<String> has, NumericValues numbers, String path, Object v) {
        if (v == null) {
            // A null under a dotted key hides a nested value at the same path from EventFields#get.
            numbers.refuse(path);
            return;
        }
        has.add(path);
        if (v instanceof Map) {
            numbers.refuse(path);
            for (Map.Entry<?, ?> n : ((Map<?, ?>) v).entrySet()) {
                attribute(doc, has, numbers, path + "." + n.getKey(), n.getValue());
            }
        } else if (v instanceof List) {
            numbers.refuse(path);
            for (Object o : (List<?>) v) {
                if (o != null && !(o instanceof Map) && !(o instanceof List)) {
                    scalar(doc, has, path, o);
                }
            }
        } else {
            scalar(doc, has, path, v);
            numbers.offer(path, v);
        }
    }

    private static void scalar(Document doc, Set<String> has, String path, Object v) {
        if (v instanceof String) {
            keyword(doc, has, path, (String) v);
        } else if (v instanceof Number) {
            number(doc, has, path, ((Number) v).doubleValue());
        } else if (v instanceof Boolean) {
            has.add(path);
            doc.add(new StringField(IndexFields.bool(path), v.toString(), Field.Store.NO));
        }
    }

    private static void keyword(Document doc, Set<String> has, String path, String value) {
        if (value == null) {
            return;
        }
        has.add(path);
        if (value.length() <= MAX_KEYWORD_CHARS) {
            doc.add(new StringField(path, value, Field.Store.NO));
        }
    }

    private static void keywordValue(Document doc, String path, String value) {
        // An over-long value keeps no doc values; aggregations then read it from the JSON.
        if (value != null && value.length() <= MAX_KEYWORD_CHARS) {
            doc.add(new SortedDocValuesField(IndexFields.keywordValues(path), new BytesRef(value)));
        }
    }

    private static void number(Document doc, Set<String> has, String path, double value) {
        has.add(path);
        doc.add(new DoublePoint(IndexFields.numeric(path), value));
    }

    /**
     * The numeric doc values of one document: a path gets them only when it holds exactly one number whose type
     * survives the JSON round trip (integers as long, finite doubles), so the fast read matches the JSON read.
     */
    private static final class NumericValues {
        private final Map<String, Number> values = new HashMap<>();
        private final Set<String> refused = new HashSet<>();

        void offer(String path, Object v) {
            Number n = null;
            if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                n = ((Number) v).longValue();
            } else if (v instanceof Double && Double.isFinite((Double) v)) {
                n = (Double) v;
            }
            if (n == null || values.containsKey(path)) {
                refuse(path);
            } else {
                values.put(path, n);
            }
        }

        void refuse(String path) {
            refused.add(path);
        }

        void addTo(Document doc) {
            for (Map.Entry<String, Number> v : values.entrySet()) {
                if (refused.contains(v.getKey())) {
                    continue;
                }
                if (v.getValue() instanceof Long) {
                    doc.add(new NumericDocValuesField(IndexFields.longValues(v.getKey()), (Long) v.getValue()));
                } else {
                    doc.add(new NumericDocValuesField(IndexFields.doubleValues(v.getKey()),
                            Double.doubleToRawLongBits((Double) v.getValue())));
                }
            }
        }
    }
}
