package dev.logline.query.stats;

import java.util.regex.Pattern;

/**
 * What the numeric aggregates read from a field: numbers as they are, and strings that spell a number (shippers
 * often send {@code "latency": "250"}); anything else is skipped.
 */
final class NumericValue {

    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private NumericValue() {
    }

    /** The value as a {@link Long} or {@link Double}, or {@code null} when it is not a number. */
    static Number of(Object value) {
        if (value instanceof Long || value instanceof Double) {
            return (Number) value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof String) {
            String s = ((String) value).trim();
            if (INTEGER.matcher(s).matches()) {
                return Long.parseLong(s);
            }
            if (DECIMAL.matcher(s).matches()) {
                return Double.parseDouble(s);
            }
        }
        return null;
    }
}
