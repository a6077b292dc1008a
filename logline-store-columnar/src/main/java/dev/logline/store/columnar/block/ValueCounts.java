package dev.logline.store.columnar.block;

import dev.logline.store.columnar.encoding.ByteReader;
import dev.logline.store.columnar.encoding.ByteSink;

import java.nio.charset.StandardCharsets;

/**
 * How many rows of a block hold each value of a small dictionary column (level, env, a status text), kept in the
 * block's index entry: a count grouped by such a column over a block every row of which matches is read from the
 * index, without reading the column. Layout: {@code count:varint (value:string rows:varint)*}.
 *
 * @lucene.internal
 */
public final class ValueCounts {

    /** Dictionaries up to this many entries keep their counts. */
    public static final int MAX_VALUES = 8;
    /** ... and up to this many bytes of values. */
    public static final int MAX_BYTES = 256;

    private ValueCounts() {
    }

    /** The counts of a dictionary, or null when it is too large to keep in the index. */
    static byte[] encode(byte[] data, int[] offsets, int[] lengths, int[] firstRow, int[] counts, int size) {
        if (size > MAX_VALUES) {
            return null;
        }
        int bytes = 0;
        for (int d = 0; d < size; d++) {
            bytes += lengths[firstRow[d]];
        }
        if (bytes > MAX_BYTES) {
            return null;
        }
        ByteSink out = new ByteSink(bytes + 4 * size + 2);
        out.writeVarInt(size);
        for (int d = 0; d < size; d++) {
            int r = firstRow[d];
            out.writeVarInt(lengths[r]);
            out.writeBytes(data, offsets[r], lengths[r]);
            out.writeVarInt(counts[d]);
        }
        return out.toByteArray();
    }

    /** Receives one value and how many rows hold it. */
    @FunctionalInterface
    public interface Visitor {
        void value(String value, int rows);
    }

    public static void forEach(byte[] counts, Visitor visitor) {
        ByteReader r = new ByteReader(counts);
        int n = r.readVarInt();
        for (int i = 0; i < n; i++) {
            int len = r.readVarInt();
            String value = new String(r.array(), r.position(), len, StandardCharsets.UTF_8);
            r.skip(len);
            visitor.value(value, r.readVarInt());
        }
    }
}
