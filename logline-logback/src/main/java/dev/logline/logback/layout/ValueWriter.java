package dev.logline.logback.layout;

import dev.logline.core.Step;
import dev.logline.logback.json.Utf8JsonWriter;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a key-value's Java value as JSON keeping its type: numbers stay numbers, booleans booleans, maps
 * objects, collections and arrays arrays, LogTrace {@link Step}s step objects; anything else its text.
 */
public final class ValueWriter {

    /** Deeper values are written as text, so a self-containing collection cannot recurse forever. */
    private static final int MAX_DEPTH = 32;

    private static final byte[] T_MS = Utf8JsonWriter.encodeKey("t_ms");
    private static final byte[] DT_MS = Utf8JsonWriter.encodeKey("dt_ms");
    private static final byte[] LINE = Utf8JsonWriter.encodeKey("line");
    private static final byte[] MSG = Utf8JsonWriter.encodeKey("msg");

    private ValueWriter() {
    }

    public static void write(Object v, Utf8JsonWriter w) {
        write(v, w, 0);
    }

    private static void write(Object v, Utf8JsonWriter w, int depth) {
        if (v == null) {
            w.nullValue();
        } else if (v instanceof String) {
            w.string((String) v);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof AtomicInteger || v instanceof AtomicLong) {
            w.number(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            w.number(((Number) v).doubleValue());
        } else if (v instanceof BigDecimal) {
            w.number((BigDecimal) v);
        } else if (v instanceof BigInteger) {
            w.number((BigInteger) v);
        } else if (v instanceof Boolean) {
            w.bool((Boolean) v);
        } else if (depth >= MAX_DEPTH) {
            w.string(String.valueOf(v));
        } else if (v instanceof Step) {
            writeStep((Step) v, w);
        } else if (v instanceof Map) {
            w.raw('{');
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                w.key(String.valueOf(e.getKey()));
                write(e.getValue(), w, depth + 1);
            }
            w.raw('}');
        } else if (v instanceof Iterable) {
            w.raw('[');
            for (Object o : (Iterable<?>) v) {
                w.separator();
                write(o, w, depth + 1);
            }
            w.raw(']');
        } else if (v.getClass().isArray()) {
            w.raw('[');
            int n = Array.getLength(v);
            for (int i = 0; i < n; i++) {
                w.separator();
                write(Array.get(v, i), w, depth + 1);
            }
            w.raw(']');
        } else if (v instanceof Enum) {
            w.string(((Enum<?>) v).name());
        } else if (v instanceof Number) {
            w.text(v.toString());
        } else {
            w.string(String.valueOf(v));
        }
    }

    /** A step as {@code {"t_ms":…,"dt_ms":…,"line":…,"msg":…}}, the shape LogEventJson reads back. */
    public static void writeStep(Step s, Utf8JsonWriter w) {
        w.raw('{');
        w.key(T_MS);
        w.number(s.tMs());
        w.key(DT_MS);
        w.number(s.dtMs());
        if (s.line() > 0) {
            w.key(LINE);
            w.number(s.line());
        }
        if (s.msg() != null) {
            w.key(MSG);
            w.string(s.msg());
        }
        w.raw('}');
    }

    /** Whether a value is a number JSON can carry as one. */
    public static boolean isNumber(Object v) {
        return v instanceof Number && !(v instanceof Double && !Double.isFinite((Double) v))
                && !(v instanceof Float && !Float.isFinite((Float) v));
    }

    /** Whether a value is a LogTrace step list (or empty list) for the {@code steps} field. */
    public static boolean isStepList(Object v) {
        if (!(v instanceof Iterable)) {
            return false;
        }
        for (Object o : (Iterable<?>) v) {
            if (!(o instanceof Step)) {
                return false;
            }
        }
        return true;
    }
}
