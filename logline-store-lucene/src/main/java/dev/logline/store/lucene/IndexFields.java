package dev.logline.store.lucene;

/**
 * The name of every Lucene field an event document has, in one place.
 *
 * <p>A string value is a keyword under its own path ({@code service}, {@code http.method}); a number is a
 * {@code DoublePoint} under {@code #n.<path>}; a boolean a keyword under {@code #b.<path>}; {@code #has} lists
 * every path with a value (for {@code field:*}). Internal names start with {@code #}, which LQL field names
 * cannot, so they never collide with an attribute.
 */
final class IndexFields {

    /** Event time in micros: LongPoint and the index sort's numeric doc values. */
    static final String TS = "ts";
    /** The event's unique number within the store (WAL seq and position): keyword for idempotent replay. */
    static final String UID = "#uid";
    /** The same number as LongPoint and doc values: the sort tie-breaker and cursor. */
    static final String UID_NUM = "#uidn";
    /** The event JSON, stored (compressed by the codec). */
    static final String JSON = "#json";
    /** The message's tokens. */
    static final String TEXT = "#text";
    /** Paths that hold a value. */
    static final String HAS = "#has";
    /** The {@code _size} pseudo-field. */
    static final String SIZE = "_size";

    private IndexFields() {
    }

    static String numeric(String path) {
        return "#n." + path;
    }

    static String bool(String path) {
        return "#b." + path;
    }
}
