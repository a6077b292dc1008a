package dev.logline.store.columnar.block;

import dev.logline.store.columnar.encoding.Hash64;
import dev.logline.store.columnar.encoding.LongSet;
import dev.logline.store.columnar.encoding.TokenHashes;

/**
 * The hashes a column's bloom filter holds, recomputed from its decoded values exactly as {@link ColumnEncoder}
 * computed them (the text's UTF-8 bytes; for {@code msg}, each token): what a merge needs for its group filters
 * when it copies a block as it is.
 *
 * @lucene.internal
 */
public final class BloomHashes {

    private BloomHashes() {
    }

    /** Adds the hashes of every present text value of the column to {@code out}. */
    public static void of(ColumnVector v, LongSet out) {
        boolean tokens = v.key().equals(ColumnKey.MSG);
        int rows = v.isConstant() ? Math.min(1, v.rows()) : v.rows();
        for (int r = 0; r < rows; r++) {
            if (v.type(r) != ValueType.STRING) {
                continue;
            }
            byte[] data;
            int off;
            int len;
            if (v.isHex()) {
                data = v.string(r).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                off = 0;
                len = data.length;
            } else {
                data = v.data();
                off = v.offset(r);
                len = v.length(r);
            }
            if (tokens) {
                TokenHashes.forEach(data, off, len, out::add);
            } else {
                out.add(Hash64.ofBytes(data, off, len));
            }
        }
    }
}
