package dev.logline.query.exec;

import java.util.Comparator;
import java.util.List;

/**
 * How sort and group ordering compare values: numbers by value, before strings (by UTF-16 order), before
 * anything else (by text); {@code null} always last, ascending or descending.
 */
final class CellOrder {

    private CellOrder() {
    }

    /** Compares non-null values in ascending order. */
    static int compareValues(Object a, Object b) {
        boolean an = a instanceof Number;
        boolean bn = b instanceof Number;
        if (an && bn) {
            if (a instanceof Long && b instanceof Long) {
                return Long.compare((Long) a, (Long) b);
            }
            return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        if (an != bn) {
            return an ? -1 : 1;
        }
        boolean as = a instanceof String;
        boolean bs = b instanceof String;
        if (as != bs) {
            return as ? -1 : 1;
        }
        return a.toString().compareTo(b.toString());
    }

    /** Compares two possibly-null values; nulls last in both directions. */
    static int compare(Object a, Object b, boolean descending) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int c = compareValues(a, b);
        return descending ? -c : c;
    }

    /** Orders group keys value by value, ascending, nulls last. */
    static final Comparator<List<Object>> KEYS = (x, y) -> {
        for (int i = 0; i < x.size(); i++) {
            int c = compare(x.get(i), y.get(i), false);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };
}
