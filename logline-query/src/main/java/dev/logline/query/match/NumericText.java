package dev.logline.query.match;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Numbers written in queries ({@code 500}, {@code -1.5e3}) and how they compare with event values. */
final class NumericText {

    private static final Pattern NUMBER = Pattern.compile("-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");

    private NumericText() {
    }

    /** A {@link Long} for whole numbers that fit, a {@link Double} for other numbers, {@code null} for non-numbers. */
    static Number parse(String text) {
        if (INTEGER.matcher(text).matches()) {
            return Long.parseLong(text);
        }
        if (NUMBER.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        return null;
    }

    /** Compares two numbers by value: exactly for two longs, else as doubles (exactly when a long exceeds 2^53). */
    static int compare(Number a, Number b) {
        if (a instanceof Long && b instanceof Long) {
            return Long.compare(a.longValue(), b.longValue());
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        if (Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(x) || Double.isInfinite(y)
                || (Math.abs(x) < 9.0e15 && Math.abs(y) < 9.0e15)) {
            return Double.compare(x, y);
        }
        return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
    }
}
