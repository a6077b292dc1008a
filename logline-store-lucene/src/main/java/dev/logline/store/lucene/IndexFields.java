package dev.logline.store.lucene;

import java.util.Set;

/**
 * The name of every Lucene field an event document has, in one place.
 *
 * <p>A string value is a keyword under its own path ({@code service}, {@code http.method}); a number is a
 * {@code DoublePoint} under {@code #n.<path>}; a boolean a keyword under {@code #b.<path>}; {@code #has} lists
 * every path with a value (for {@code field:*}). Internal names start with {@code #}, which LQL field names
 * cannot, so they never collide with an attribute.
 *
 * <p>Doc values for aggregations: the reserved keywords of {@link #KEYWORDS_WITH_VALUES} under
 * {@code #dvk.<path>}; a path whose one value is a number (duration_ms, a numeric attribute that is not in a list)
 * under {@code #dvl.<path>} (integers) or {@code #dvd.<path>} (decimals), so the value reads back with the type
 * the stored JSON gives. A path with a value but no doc values (a list, a string, an over-long keyword, two
 * values for one path) is read from the JSON.
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

    /**
     * Reserved keyword fields that also keep sorted doc values (under {@link #keywordValues}), so aggregations
     * group by them without reading the stored JSON.
     */
    static final Set<String> KEYWORDS_WITH_VALUES = Set.of("level", "service", "env", "version", "host", "logger");

    private IndexFields() {
    }

    /** Sorted doc values of a reserved keyword field in {@link #KEYWORDS_WITH_VALUES}. */
    static String keywordValues(String path) {
        return "#dvk." + path;
    }

    /** Numeric doc values of a field whose single value is an integer (read back as {@link Long}). */
    static String longValues(String path) {
        return "#dvl." + path;
    }

    /** Numeric doc values (double bits) of a field whose single value is a decimal (read back as {@link Double}). */
    static String doubleValues(String path) {
        return "#dvd." + path;
    }

    static String numeric(String path) {
        return "#n." + path;
    }

    static String bool(String path) {
        return "#b." + path;
    }
}
