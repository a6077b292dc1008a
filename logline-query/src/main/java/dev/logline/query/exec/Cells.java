package dev.logline.query.exec;

import dev.logline.core.LogEventJson;

import java.util.List;
import java.util.Map;

/** Turns field values into table cells: numbers and strings stay, booleans become "true"/"false", lists and objects JSON text. */
public final class Cells {

    private Cells() {
    }

    public static Object of(Object value) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Map || value instanceof List) {
            return LogEventJson.valueToJson(value);
        }
        return value.toString();
    }
}
