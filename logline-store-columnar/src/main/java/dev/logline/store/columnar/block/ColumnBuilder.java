package dev.logline.store.columnar.block;

import dev.logline.store.columnar.encoding.ByteSink;

import java.util.Arrays;

/**
 * The values of one column while a block is being built: a type per row (or absent), numbers in a {@code long[]},
 * text and record bytes as slices of one buffer. Reset and reused for the next block.
 *
 * @lucene.internal
 */
public final class ColumnBuilder {

    final ColumnKey key;
    byte[] types;
    long[] numbers;
    int[] offsets;
    int[] lengths;
    final ByteSink bytes = new ByteSink(1024);
    /** Rows with a value. */
    int present;
    /** The last row that used this column's path (with a value or an explicit null): collision detection. */
    int lastTouchedRow = -1;
    /** Bumped by every reset; lets the builder know which columns the current block used. */
    int generation = -1;

    ColumnBuilder(ColumnKey key, int capacity) {
        this.key = key;
        types = new byte[capacity];
        numbers = new long[capacity];
        offsets = new int[capacity];
        lengths = new int[capacity];
    }

    public ColumnKey key() {
        return key;
    }

    void reset(int capacity, int generation) {
        if (types.length < capacity) {
            types = new byte[capacity];
            numbers = new long[capacity];
            offsets = new int[capacity];
            lengths = new int[capacity];
        } else {
            Arrays.fill(types, (byte) 0);
        }
        bytes.clear();
        present = 0;
        lastTouchedRow = -1;
        this.generation = generation;
    }

    void ensure(int row) {
        if (row >= types.length) {
            int n = Math.max(row + 1, types.length * 2);
            types = Arrays.copyOf(types, n);
            numbers = Arrays.copyOf(numbers, n);
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
        }
    }

    void setNumber(int row, byte type, long value) {
        ensure(row);
        if (types[row] == ValueType.ABSENT) {
            present++;
        }
        types[row] = type;
        numbers[row] = value;
    }

    void setBytes(int row, byte type, byte[] src, int off, int len) {
        ensure(row);
        if (types[row] == ValueType.ABSENT) {
            present++;
        }
        types[row] = type;
        offsets[row] = bytes.size();
        lengths[row] = len;
        bytes.writeBytes(src, off, len);
    }

    byte type(int row) {
        return row < types.length ? types[row] : ValueType.ABSENT;
    }
}
