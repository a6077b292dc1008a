package dev.logline.server.api;

import java.util.Comparator;

/**
 * Orders field values of mixed types the way a log reader expects: numbers numerically, then strings, then
 * booleans and anything else by text; missing values last.
 */
final class CellOrder {

    private static final Comparator<Object> ASCENDING = CellOrder::compare;

    /** The order, missing values last either way. */
    static Comparator<Object> of(boolean descending) {
        return Comparator.nullsLast(descending ? ASCENDING.reversed() : ASCENDING);
    }

    private CellOrder() {
    }

    private static int compare(Object a, Object b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        if (a instanceof Number && b instanceof Number) {
            return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    private static int rank(Object v) {
        if (v instanceof Number) {
            return 0;
        }
        if (v instanceof String) {
            return 1;
        }
        return 2;
    }
}
