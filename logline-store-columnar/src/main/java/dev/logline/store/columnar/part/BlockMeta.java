package dev.logline.store.columnar.part;

import dev.logline.store.columnar.block.ColumnEncoding;

/**
 * What the part index says about one block and its columns: enough to prune the block (time range, constant values,
 * min/max, which columns exist) and to read any column's chunk and bloom filter. Column entries are parallel arrays.
 *
 * @lucene.internal
 */
public final class BlockMeta {

    final int rows;
    final long minTs;
    final long maxTs;
    final long rawBytes;
    final int[] keyIds;
    final byte[] encodings;
    final int[] present;
    final byte[] numeric;
    final long[] mins;
    final long[] maxs;
    final byte[][] constValues;
    final long[] chunkOffsets;
    final int[] chunkLengths;
    final int[] chunkCrcs;
    /** Offset of the column's bloom inside its key's bloom range, -1 when it has none. */
    final int[] bloomOffsets;
    final int[] bloomLengths;
    /** Per column: the value counts of a small dictionary ({@code ValueCounts}), else null. */
    final byte[][] valueCounts;

    BlockMeta(int rows, long minTs, long maxTs, long rawBytes, int columns) {
        this.rows = rows;
        this.minTs = minTs;
        this.maxTs = maxTs;
        this.rawBytes = rawBytes;
        keyIds = new int[columns];
        encodings = new byte[columns];
        present = new int[columns];
        numeric = new byte[columns];
        mins = new long[columns];
        maxs = new long[columns];
        constValues = new byte[columns][];
        chunkOffsets = new long[columns];
        chunkLengths = new int[columns];
        chunkCrcs = new int[columns];
        bloomOffsets = new int[columns];
        bloomLengths = new int[columns];
        valueCounts = new byte[columns][];
    }

    public int rows() {
        return rows;
    }

    public long minTs() {
        return minTs;
    }

    public long maxTs() {
        return maxTs;
    }

    public long rawBytes() {
        return rawBytes;
    }

    public int columnCount() {
        return keyIds.length;
    }

    /** The index of the column with this part-level key id, or -1. */
    public int columnOf(int keyId) {
        for (int i = 0; i < keyIds.length; i++) {
            if (keyIds[i] == keyId) {
                return i;
            }
        }
        return -1;
    }

    public int keyId(int column) {
        return keyIds[column];
    }

    public byte encoding(int column) {
        return encodings[column];
    }

    public int present(int column) {
        return present[column];
    }

    public boolean isConstant(int column) {
        return encodings[column] == ColumnEncoding.CONST;
    }

    /**
     * The encoded value of a constant column; equal constants of one part are the same array, so a reader may
     * remember what it decoded by the array's identity ({@code ConstantValues}).
     */
    public byte[] constValue(int column) {
        return constValues[column];
    }

    /** 0 no min/max, 1 longs, 2 double bits (see {@code EncodedColumn}). */
    public int numeric(int column) {
        return numeric[column];
    }

    public long min(int column) {
        return mins[column];
    }

    public long max(int column) {
        return maxs[column];
    }

    public boolean hasBloom(int column) {
        return bloomLengths[column] > 0;
    }

    public int bloomOffset(int column) {
        return bloomOffsets[column];
    }

    public int bloomLength(int column) {
        return bloomLengths[column];
    }

    /** The value counts of a small dictionary column ({@code ValueCounts}), or null. */
    public byte[] valueCounts(int column) {
        return valueCounts[column];
    }

    public long chunkOffset(int column) {
        return chunkOffsets[column];
    }

    public int chunkLength(int column) {
        return chunkLengths[column];
    }
}
