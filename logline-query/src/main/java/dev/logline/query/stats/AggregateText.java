package dev.logline.query.stats;

import dev.logline.query.LqlPrinter;

/** How every aggregate writes itself: {@code fn(field)}, plus {@code  as alias} when renamed. */
final class AggregateText {

    private AggregateText() {
    }

    /** The default column name: {@code fn(field)} with the field as written. */
    static String call(String function, String field) {
        return function + "(" + (field == null ? "" : field) + ")";
    }

    /** The canonical LQL text, quoting names that need it. */
    static String print(String function, String field, String alias) {
        String text = function + "(" + (field == null ? "" : LqlPrinter.name(field)) + ")";
        return alias == null ? text : text + " as " + LqlPrinter.name(alias);
    }
}
