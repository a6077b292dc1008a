package dev.logline.store.columnar.block;

/**
 * The type of one stored value: a row of a column holds one of these (or nothing). Part of the on-disk format.
 *
 * @lucene.internal
 */
public final class ValueType {

    public static final byte ABSENT = 0;
    /** UTF-8 text (or, for the steps/cause/shape/rest columns, the bytes of a record). */
    public static final byte STRING = 1;
    public static final byte LONG = 2;
    public static final byte DOUBLE = 3;
    public static final byte TRUE = 4;
    public static final byte FALSE = 5;
    /** A list or an object kept whole, as an {@code EventRecord} value. */
    public static final byte NESTED = 6;

    private ValueType() {
    }
}
