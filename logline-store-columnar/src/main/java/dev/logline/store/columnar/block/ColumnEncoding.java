package dev.logline.store.columnar.block;

/**
 * How a column's values are laid out in its chunk; one per column per block, chosen by the values. Part of the
 * on-disk format (docs/STORAGE.md describes each).
 *
 * @lucene.internal
 */
public final class ColumnEncoding {

    /** Every row holds the same value, kept in the block index; no chunk. */
    public static final byte CONST = 0;
    /** Text: a dictionary of at most 255 distinct values, then one code byte per present row. */
    public static final byte DICT = 1;
    /** Text: every present row's byte length (varints), then all the bytes. */
    public static final byte PLAIN = 2;
    /** Lower-case hex ids of one even length: the raw bytes, half the size. */
    public static final byte HEX = 3;
    /** Integers: a mode byte, then frame-of-reference (min + varints) or deltas (zig-zag varints). */
    public static final byte LONG = 4;
    /** Decimals that are integers after scaling by 10^scale: a scale byte, then as {@link #LONG}. */
    public static final byte DECIMAL = 5;
    /** Any other doubles: 8 little-endian bytes each. */
    public static final byte DOUBLE = 6;
    /** Booleans: one byte (0 or 1) per present row. */
    public static final byte BOOL = 7;
    /** Values of several types: per present row a {@link ValueType} byte and its value. */
    public static final byte MIXED = 8;

    private ColumnEncoding() {
    }

    public static String name(byte e) {
        return switch (e) {
            case CONST -> "const";
            case DICT -> "dict";
            case PLAIN -> "plain";
            case HEX -> "hex";
            case LONG -> "long";
            case DECIMAL -> "decimal";
            case DOUBLE -> "double";
            case BOOL -> "bool";
            case MIXED -> "mixed";
            default -> "unknown(" + e + ")";
        };
    }
}
