package dev.logline.store.columnar.query;

import java.util.regex.Pattern;

/**
 * Numbers written in queries, parsed and compared the way the reference matcher does ({@code NumericText} in
 * logline-query): whole numbers that fit are longs, other numbers doubles, and two values compare as longs when both
 * are, else as doubles. Where doubles could round differently (magnitudes past 2^53) the comparison says "unsure".
 *
 * @lucene.internal
 */
final class NumericBound {

    private static final Pattern NUMBER = Pattern.compile("-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");

    private NumericBound() {
    }

    static Number parse(String text) {
        if (INTEGER.matcher(text).matches()) {
            return Long.parseLong(text);
        }
        if (NUMBER.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        return null;
    }

    /** The sign of {@code a - b}, or null when only an exact comparison could tell. */
    static Integer compare(Number a, Number b) {
        if (a instanceof Long && b instanceof Long) {
            return Long.compare(a.longValue(), b.longValue());
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return null;
        }
        if (Math.abs(x) < 9.0e15 && Math.abs(y) < 9.0e15) {
            return Double.compare(x, y);
        }
        return null;
    }
}
