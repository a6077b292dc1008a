package dev.logline.store.columnar.query;

import dev.logline.core.EventFields;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.core.ReservedField;
import dev.logline.query.match.EventFieldLookup;
import dev.logline.store.columnar.block.ColumnKey;
import dev.logline.store.columnar.block.ColumnVector;
import dev.logline.store.columnar.block.Shape;
import dev.logline.store.columnar.encoding.ByteReader;
import dev.logline.store.columnar.part.BlockReader;
import dev.logline.store.columnar.part.EventAssembler;

/**
 * How one field's value is read in the rows of one block, exactly as {@code EventFields.get} (plus {@code _size})
 * reads it from the event: from one column for most rows, and from the whole rebuilt event for the rare rows where
 * the value depends on more than one column (an object, an attribute kept whole, the JSON size).
 *
 * @lucene.internal
 */
final class FieldAccess {

    /** The row has no value. */
    static final byte NULL = 0;
    /** The value is the column's value at the row (absent there: none). */
    static final byte COLUMN = 1;
    /** Only the rebuilt event can tell. */
    static final byte EVENT = 2;
    /** The number of LogTrace steps. */
    private static final byte STEPS = 3;

    private final BlockReader block;
    private final String field;
    private final ColumnVector column;
    /** The mode of every row, or -1 when rows differ (see {@link #rowModes}). */
    private final byte uniform;
    private final byte[] rowModes;
    private final boolean columnOnly;
    private LogEvent[] events;

    private FieldAccess(BlockReader block, String field, ColumnVector column, byte uniform, byte[] rowModes) {
        this.block = block;
        this.field = field;
        this.column = column;
        this.uniform = uniform;
        this.rowModes = rowModes;
        boolean only = uniform == COLUMN || uniform == NULL;
        if (uniform < 0) {
            only = true;
            for (byte m : rowModes) {
                only &= m == COLUMN || m == NULL;
            }
        }
        this.columnOnly = only;
    }

    static FieldAccess of(BlockReader b, String field) {
        ReservedField reserved = ReservedField.of(field);
        if (reserved != null) {
            if (reserved == ReservedField.STEPS) {
                return new FieldAccess(b, field, b.column(ColumnKey.STEPS), STEPS, null);
            }
            ColumnVector c = b.column(builtinOf(reserved));
            return new FieldAccess(b, field, c, c == null ? NULL : COLUMN, null);
        }
        if (EventFieldLookup.SIZE_FIELD.equals(field)) {
            return new FieldAccess(b, field, null, EVENT, null);
        }
        int rows = b.rows();
        byte[] modes = new byte[rows];
        ColumnVector column;
        if (field.startsWith("error.")) {
            ColumnKey errorKey = errorColumn(field);
            column = errorKey == null ? null : b.column(errorKey);
            for (int r = 0; r < rows; r++) {
                Shape s = b.shape(r);
                if (s.hasError()) {
                    modes[r] = column == null ? NULL : COLUMN;
                } else {
                    // Without an error object, error.* names an attribute; that mix is rare enough to rebuild.
                    modes[r] = s.resolve(field).kind() == Shape.Kind.NONE ? NULL : EVENT;
                }
            }
        } else {
            column = b.column(ColumnKey.attribute(field));
            ColumnVector shapes = b.column(ColumnKey.SHAPE);
            if (shapes != null && shapes.hasDictionary()) {
                // Resolve once per distinct shape, not once per row.
                byte[] byCode = new byte[shapes.dictionarySize() + 1];
                java.util.Arrays.fill(byCode, (byte) -1);
                for (int r = 0; r < rows; r++) {
                    int slot = shapes.code(r) + 1;
                    if (byCode[slot] < 0) {
                        byCode[slot] = attributeMode(b.shape(r).resolve(field), column);
                    }
                    modes[r] = byCode[slot];
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    modes[r] = attributeMode(b.shape(r).resolve(field), column);
                }
            }
        }
        byte first = rows == 0 ? NULL : modes[0];
        for (int r = 1; r < rows; r++) {
            if (modes[r] != first) {
                return new FieldAccess(b, field, column, (byte) -1, modes);
            }
        }
        return new FieldAccess(b, field, column, first, null);
    }

    private static byte attributeMode(Shape.Resolution res, ColumnVector column) {
        return switch (res.kind()) {
            case NONE -> NULL;
            case COLUMN -> column == null ? NULL : COLUMN;
            default -> EVENT;
        };
    }

    static ColumnKey builtinOf(ReservedField f) {
        return switch (f) {
            case TS -> ColumnKey.TS;
            case LEVEL -> ColumnKey.LEVEL;
            case MSG -> ColumnKey.MSG;
            case SERVICE -> ColumnKey.SERVICE;
            case ENV -> ColumnKey.ENV;
            case VERSION -> ColumnKey.VERSION;
            case HOST -> ColumnKey.HOST;
            case LOGGER -> ColumnKey.LOGGER;
            case THREAD -> ColumnKey.THREAD;
            case TRACE_ID -> ColumnKey.TRACE_ID;
            case SPAN_ID -> ColumnKey.SPAN_ID;
            case TENANT -> ColumnKey.TENANT;
            case DURATION_MS -> ColumnKey.DURATION;
            case ERROR -> ColumnKey.ERROR_TYPE;
            case STEPS -> ColumnKey.STEPS;
        };
    }

    /** The built-in column of {@code error.type|message|stack|hash}, or null for any other {@code error.} name. */
    static ColumnKey errorColumn(String field) {
        return switch (field) {
            case "error.type" -> ColumnKey.ERROR_TYPE;
            case "error.message" -> ColumnKey.ERROR_MESSAGE;
            case "error.stack" -> ColumnKey.ERROR_STACK;
            case "error.hash" -> ColumnKey.ERROR_HASH;
            default -> null;
        };
    }

    /** The column most rows read (null when none). */
    ColumnVector column() {
        return column;
    }

    /** Whether every row's value is {@link #column()}'s value at the row (absent there: no value). */
    boolean isColumnOnly() {
        return columnOnly;
    }

    byte mode(int row) {
        return uniform >= 0 ? uniform : rowModes[row];
    }

    /** The field's value at the row, as {@code FieldLookup.get} would give it. */
    Object value(int row) {
        switch (mode(row)) {
            case NULL:
                return null;
            case COLUMN:
                return column.value(row);
            case STEPS:
                return column == null || !column.present(row) ? null
                        : (long) new ByteReader(column.data(), column.offset(row), column.length(row)).readVarInt();
            default: {
                LogEvent e = event(row);
                return EventFieldLookup.SIZE_FIELD.equals(field) ? (Object) (long) LogEventJson.toJsonBytes(e).length
                        : EventFields.get(e, field);
            }
        }
    }

    private LogEvent event(int row) {
        if (events == null) {
            events = new LogEvent[block.rows()];
        }
        LogEvent e = events[row];
        if (e == null) {
            e = EventAssembler.event(block, row);
            events[row] = e;
        }
        return e;
    }
}
