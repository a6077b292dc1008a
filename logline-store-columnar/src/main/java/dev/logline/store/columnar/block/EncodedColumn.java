package dev.logline.store.columnar.block;

/**
 * One column of one block, encoded: what the part writer stores and the block index describes.
 *
 * @param key         the column
 * @param encoding    a {@link ColumnEncoding}
 * @param present     rows holding a value
 * @param constValue  for {@link ColumnEncoding#CONST}: the value (type byte + value), else {@code null}
 * @param chunk       the compressed chunk ({@code ZstdChunks} form), {@code null} for CONST
 * @param numeric     0 no min/max, 1 min/max are longs, 2 min/max are double bits
 * @param min         the smallest value (see {@code numeric})
 * @param max         the largest value (see {@code numeric})
 * @param bloom       the bloom filter of this column's values or message tokens, or {@code null}
 * @param bloomHashes the distinct hashes the bloom filter holds (the part's group filters are built from them)
 * @param valueCounts for a small dictionary column, how many rows hold each value ({@link ValueCounts}), else null
 */
public record EncodedColumn(ColumnKey key, byte encoding, int present, byte[] constValue, byte[] chunk, int numeric,
                            long min, long max, byte[] bloom, long[] bloomHashes, byte[] valueCounts) {

    public static final int NUMERIC_NONE = 0;
    public static final int NUMERIC_LONG = 1;
    public static final int NUMERIC_DOUBLE = 2;
}
