package dev.logline.store.columnar.block;

import java.util.List;

/**
 * Names one column of a block: a built-in column of the event model ({@link #BUILTIN}) or an attribute's dotted
 * path ({@link #ATTRIBUTE}). Two spaces, so an attribute named {@code "error.type"} never shares a column with the
 * error object's type.
 *
 * @param space {@link #BUILTIN} or {@link #ATTRIBUTE}
 * @param name  the built-in column's name or the attribute path
 */
public record ColumnKey(int space, String name) implements Comparable<ColumnKey> {

    public static final int BUILTIN = 0;
    public static final int ATTRIBUTE = 1;

    public static final ColumnKey TS = builtin("ts");
    /** The store's id of the event, unique in a tenant; breaks ties of equal times. */
    public static final ColumnKey UID = builtin("uid");
    public static final ColumnKey LEVEL = builtin("level");
    public static final ColumnKey MSG = builtin("msg");
    public static final ColumnKey SERVICE = builtin("service");
    public static final ColumnKey ENV = builtin("env");
    public static final ColumnKey VERSION = builtin("version");
    public static final ColumnKey HOST = builtin("host");
    public static final ColumnKey LOGGER = builtin("logger");
    public static final ColumnKey THREAD = builtin("thread");
    public static final ColumnKey TRACE_ID = builtin("trace_id");
    public static final ColumnKey SPAN_ID = builtin("span_id");
    public static final ColumnKey TENANT = builtin("tenant");
    public static final ColumnKey DURATION = builtin("duration_ms");
    public static final ColumnKey ERROR_TYPE = builtin("error.type");
    public static final ColumnKey ERROR_MESSAGE = builtin("error.message");
    public static final ColumnKey ERROR_STACK = builtin("error.stack");
    public static final ColumnKey ERROR_HASH = builtin("error.hash");
    /** The error's cause chain, as an error record ({@code EventRecord.writeError}). */
    public static final ColumnKey ERROR_CAUSE = builtin("error.cause");
    /** LogTrace steps, as a steps record. */
    public static final ColumnKey STEPS = builtin("steps");
    /** Each row's {@link Shape}: how its attributes nest and in which order. */
    public static final ColumnKey SHAPE = builtin("shape");
    /** Attributes that could not get columns of their own (a path used twice in one event), as one object value. */
    public static final ColumnKey REST = builtin("rest");

    /** The reserved string fields, in {@code EventRecord}'s order (msg … tenant). */
    public static final List<ColumnKey> RECORD_STRINGS = List.of(MSG, SERVICE, ENV, VERSION, HOST, LOGGER, THREAD,
            TRACE_ID, SPAN_ID, TENANT);
    /** The error object's string fields, in {@code EventRecord}'s order. */
    public static final List<ColumnKey> ERROR_STRINGS = List.of(ERROR_TYPE, ERROR_MESSAGE, ERROR_STACK, ERROR_HASH);

    public static ColumnKey builtin(String name) {
        return new ColumnKey(BUILTIN, name);
    }

    public static ColumnKey attribute(String path) {
        return new ColumnKey(ATTRIBUTE, path);
    }

    public boolean isAttribute() {
        return space == ATTRIBUTE;
    }

    /** Whether a bloom filter of exact values is kept for this column's strings. */
    public boolean hasValueBloom() {
        return space == ATTRIBUTE || !(equals(MSG) || equals(ERROR_STACK) || equals(ERROR_CAUSE) || equals(STEPS)
                || equals(SHAPE) || equals(REST));
    }

    @Override
    public int compareTo(ColumnKey o) {
        int c = Integer.compare(space, o.space);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return (space == BUILTIN ? "@" : "") + name;
    }
}
