package dev.logline.store.columnar.block;

import dev.logline.store.columnar.encoding.BitPacking;
import dev.logline.store.columnar.encoding.BloomFilter;
import dev.logline.store.columnar.encoding.ByteSink;
import dev.logline.store.columnar.encoding.Hash64;
import dev.logline.store.columnar.encoding.LongSet;
import dev.logline.store.columnar.encoding.TokenHashes;
import dev.logline.store.columnar.encoding.ZstdChunks;

import java.util.Arrays;

/**
 * Chooses each column's encoding from its values and writes its chunk, min/max and bloom filter. One per thread: it
 * reuses its buffers and zstd contexts. See {@link ColumnEncoding} for the layouts.
 *
 * @lucene.internal
 */
public final class ColumnEncoder implements AutoCloseable {

    static final int MAX_DICT = 255;
    private static final int MAX_DECIMAL_SCALE = 9;
    private static final double[] POW10 = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    private final ZstdChunks zstd;
    private final ByteSink raw = new ByteSink(64 * 1024);
    private final ByteSink out = new ByteSink(64 * 1024);
    private final LongSet hashes = new LongSet();
    private long[] rowHash = new long[1024];
    private int[] dictIds = new int[1024];
    private long[] scaled = new long[1024];
    private long[] scratchLongs = new long[1024];
    /** The value counts of the dictionary column being finished, if small enough to keep. */
    private byte[] valueCounts;

    /** @param level the zstd level of the chunks */
    public ColumnEncoder(int level) {
        this.zstd = new ZstdChunks(level);
    }

    /** Encodes one column of a block of {@code rows} rows. */
    public EncodedColumn encode(ColumnBuilder c, int rows) {
        if (c.present == 0) {
            // Only explicit nulls: the column stays in the index (no value, no chunk) so readers know the path is
            // used, e.g. that {"a":{"b":null}} makes "a" an object.
            return new EncodedColumn(c.key, ColumnEncoding.CONST, 0, new byte[] {ValueType.ABSENT}, null,
                    EncodedColumn.NUMERIC_NONE, 0, 0, null, null, null);
        }
        int typeMask = 0;
        for (int r = 0; r < rows; r++) {
            byte t = c.type(r);
            if (t != ValueType.ABSENT) {
                typeMask |= 1 << t;
            }
        }
        if (c.present == rows && Integer.bitCount(typeMask) == 1) {
            EncodedColumn constant = constant(c, rows, typeMask);
            if (constant != null) {
                return constant;
            }
        }
        if (typeMask == 1 << ValueType.STRING) {
            return strings(c, rows);
        }
        if (typeMask == 1 << ValueType.LONG) {
            return longs(c, rows);
        }
        if (typeMask == 1 << ValueType.DOUBLE) {
            return doubles(c, rows);
        }
        if ((typeMask & ~((1 << ValueType.TRUE) | (1 << ValueType.FALSE))) == 0) {
            beginChunk(c, rows);
            for (int r = 0; r < rows; r++) {
                byte t = c.type(r);
                if (t != ValueType.ABSENT) {
                    raw.writeByte(t == ValueType.TRUE ? 1 : 0);
                }
            }
            return finish(c, ColumnEncoding.BOOL, EncodedColumn.NUMERIC_NONE, 0, 0, null);
        }
        return mixed(c, rows);
    }

    // ---------------------------------------------------------------- const

    private EncodedColumn constant(ColumnBuilder c, int rows, int typeMask) {
        byte t = c.type(0);
        if (t == ValueType.STRING || t == ValueType.NESTED) {
            byte[] a = c.bytes.array();
            int off0 = c.offsets[0];
            int len0 = c.lengths[0];
            for (int r = 1; r < rows; r++) {
                if (c.lengths[r] != len0 || !Arrays.equals(a, c.offsets[r], c.offsets[r] + len0, a, off0, off0 + len0)) {
                    return null;
                }
            }
        } else {
            for (int r = 1; r < rows; r++) {
                if (c.numbers[r] != c.numbers[0]) {
                    return null;
                }
            }
        }
        ByteSink v = new ByteSink(16);
        writeValue(c, 0, v);
        int numeric = t == ValueType.LONG ? EncodedColumn.NUMERIC_LONG
                : t == ValueType.DOUBLE ? EncodedColumn.NUMERIC_DOUBLE : EncodedColumn.NUMERIC_NONE;
        byte[] bloom = null;
        if (t == ValueType.STRING) {
            bloom = c.key.equals(ColumnKey.MSG) ? bloomOfTokens(c, 1) : c.key.hasValueBloom() ? bloomOfStrings(c, rows, 1) : null;
        }
        return new EncodedColumn(c.key, ColumnEncoding.CONST, rows, v.toByteArray(), null, numeric, c.numbers[0],
                c.numbers[0], bloom, bloom == null ? null : hashArray(), null);
    }

    /** A value as its type byte and payload (the form of CONST values and MIXED rows). */
    static void writeValue(ColumnBuilder c, int row, ByteSink v) {
        byte t = c.type(row);
        v.writeByte(t);
        switch (t) {
            case ValueType.STRING, ValueType.NESTED -> {
                v.writeVarInt(c.lengths[row]);
                v.writeBytes(c.bytes.array(), c.offsets[row], c.lengths[row]);
            }
            case ValueType.LONG -> v.writeZigZag(c.numbers[row]);
            case ValueType.DOUBLE -> v.writeLongLE(c.numbers[row]);
            default -> {
                // TRUE and FALSE carry no payload.
            }
        }
    }

    // ---------------------------------------------------------------- text

    private EncodedColumn strings(ColumnBuilder c, int rows) {
        byte[] a = c.bytes.array();
        if (rowHash.length < rows) {
            rowHash = new long[rows];
            dictIds = new int[rows];
        }
        for (int r = 0; r < rows; r++) {
            if (c.types[r] != ValueType.ABSENT) {
                rowHash[r] = Hash64.ofBytes(a, c.offsets[r], c.lengths[r]);
            }
        }
        byte[] bloom = c.key.equals(ColumnKey.MSG) ? bloomOfTokens(c, rows)
                : c.key.hasValueBloom() ? bloomOfStrings(c, rows, rows) : null;
        int dictSize = dictionary(c, rows);
        if (dictSize > 0) {
            beginChunk(c, rows);
            raw.writeVarInt(dictSize);
            int[] firstRow = new int[dictSize];
            Arrays.fill(firstRow, -1);
            for (int r = 0; r < rows; r++) {
                if (c.types[r] != ValueType.ABSENT && firstRow[dictIds[r]] < 0) {
                    firstRow[dictIds[r]] = r;
                }
            }
            for (int d = 0; d < dictSize; d++) {
                int r = firstRow[d];
                raw.writeVarInt(c.lengths[r]);
                raw.writeBytes(a, c.offsets[r], c.lengths[r]);
            }
            int[] counts = new int[dictSize];
            if (scaled.length < rows) {
                scaled = new long[rows];
            }
            int n = 0;
            for (int r = 0; r < rows; r++) {
                if (c.types[r] != ValueType.ABSENT) {
                    scaled[n++] = dictIds[r];
                    counts[dictIds[r]]++;
                }
            }
            // Codes bit-packed, as narrow as the dictionary allows: a level column takes 2 bits a row and decodes
            // without a decompressor.
            BitPacking.pack(scaled, n, BitPacking.width(dictSize - 1), raw);
            valueCounts = ValueCounts.encode(a, c.offsets, c.lengths, firstRow, counts, dictSize);
            return finish(c, ColumnEncoding.DICT, EncodedColumn.NUMERIC_NONE, 0, 0, bloom);
        }
        // Only text columns: a record column (steps, shape, cause) is never to be read as an id.
        int width = c.key.hasValueBloom() ? hexWidth(c, rows) : 0;
        beginChunk(c, rows);
        if (width > 0) {
            raw.writeVarInt(width / 2);
            for (int r = 0; r < rows; r++) {
                if (c.types[r] != ValueType.ABSENT) {
                    int off = c.offsets[r];
                    for (int i = 0; i < width; i += 2) {
                        raw.writeByte(HEX[a[off + i] & 0xFF] << 4 | HEX[a[off + i + 1] & 0xFF]);
                    }
                }
            }
            return finish(c, ColumnEncoding.HEX, EncodedColumn.NUMERIC_NONE, 0, 0, bloom);
        }
        for (int r = 0; r < rows; r++) {
            if (c.types[r] != ValueType.ABSENT) {
                raw.writeVarInt(c.lengths[r]);
            }
        }
        for (int r = 0; r < rows; r++) {
            if (c.types[r] != ValueType.ABSENT) {
                raw.writeBytes(a, c.offsets[r], c.lengths[r]);
            }
        }
        return finish(c, ColumnEncoding.PLAIN, EncodedColumn.NUMERIC_NONE, 0, 0, bloom);
    }

    /** Assigns dictionary ids into {@code dictIds}; returns the dictionary size, or 0 when a dictionary does not pay. */
    private int dictionary(ColumnBuilder c, int rows) {
        if (c.present < 8) {
            return 0;
        }
        byte[] a = c.bytes.array();
        int cap = 512;
        int[] slotRow = new int[cap];
        Arrays.fill(slotRow, -1);
        int size = 0;
        for (int r = 0; r < rows; r++) {
            if (c.types[r] == ValueType.ABSENT) {
                continue;
            }
            int i = (int) rowHash[r] & (cap - 1);
            while (true) {
                int other = slotRow[i];
                if (other < 0) {
                    if (size == MAX_DICT || size * 2 >= c.present) {
                        return 0;
                    }
                    slotRow[i] = r;
                    dictIds[r] = size++;
                    break;
                }
                if (rowHash[other] == rowHash[r] && c.lengths[other] == c.lengths[r]
                        && Arrays.equals(a, c.offsets[other], c.offsets[other] + c.lengths[other],
                        a, c.offsets[r], c.offsets[r] + c.lengths[r])) {
                    dictIds[r] = dictIds[other];
                    break;
                }
                i = (i + 1) & (cap - 1);
            }
        }
        return size * 2 < c.present || size <= 1 ? size : 0;
    }

    /** The common length of lower-case hex values (even, 2..64), or 0 when the values are not all such ids. */
    private static int hexWidth(ColumnBuilder c, int rows) {
        byte[] a = c.bytes.array();
        int width = -1;
        for (int r = 0; r < rows; r++) {
            if (c.types[r] == ValueType.ABSENT) {
                continue;
            }
            int len = c.lengths[r];
            if (width < 0) {
                if (len < 2 || len > 64 || (len & 1) != 0) {
                    return 0;
                }
                width = len;
            } else if (len != width) {
                return 0;
            }
            int any = 0;
            for (int i = c.offsets[r], end = i + len; i < end; i++) {
                any |= HEX[a[i] & 0xFF];
            }
            if (any < 0) {
                return 0;
            }
        }
        return Math.max(width, 0);
    }

    /** The value of each lower-case hex digit, -1 for every other byte: one load per byte, no branch. */
    private static final byte[] HEX = new byte[256];

    static {
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int d = 0; d < 10; d++) {
            HEX['0' + d] = (byte) d;
        }
        for (int d = 0; d < 6; d++) {
            HEX['a' + d] = (byte) (10 + d);
        }
    }

    private byte[] bloomOfStrings(ColumnBuilder c, int rows, int upTo) {
        hashes.clear();
        byte[] a = c.bytes.array();
        for (int r = 0; r < Math.min(rows, upTo); r++) {
            if (c.types[r] != ValueType.ABSENT) {
                hashes.add(upTo == 1 ? Hash64.ofBytes(a, c.offsets[r], c.lengths[r]) : rowHash[r]);
            }
        }
        return bloomOf(hashes, BloomFilter.BITS_PER_VALUE);
    }

    private byte[] bloomOfTokens(ColumnBuilder c, int rows) {
        hashes.clear();
        byte[] a = c.bytes.array();
        for (int r = 0; r < rows; r++) {
            if (c.types[r] != ValueType.ABSENT) {
                TokenHashes.forEach(a, c.offsets[r], c.lengths[r], hashes::add);
            }
        }
        return hashes.size() == 0 ? null : bloomOf(hashes, BloomFilter.BITS_PER_TOKEN);
    }

    /** The hashes of the bloom filter just built (they stay in {@link #hashes} until the next column). */
    private long[] hashArray() {
        return hashes.toArray();
    }

    private static byte[] bloomOf(LongSet set, int bitsPerValue) {
        byte[] bloom = new byte[BloomFilter.bytesFor(set.size(), bitsPerValue)];
        set.forEach(h -> BloomFilter.add(bloom, 0, bloom.length, h));
        return bloom;
    }

    // ---------------------------------------------------------------- numbers

    private EncodedColumn longs(ColumnBuilder c, int rows) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        int n = 0;
        if (scaled.length < rows) {
            scaled = new long[rows];
        }
        for (int r = 0; r < rows; r++) {
            if (c.types[r] != ValueType.ABSENT) {
                long v = c.numbers[r];
                scaled[n++] = v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        beginChunk(c, rows);
        writeLongs(scaled, n, min);
        return finish(c, ColumnEncoding.LONG, EncodedColumn.NUMERIC_LONG, min, max, null);
    }

    private EncodedColumn doubles(ColumnBuilder c, int rows) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int scale = 0;
        for (int r = 0; r < rows; r++) {
            if (c.types[r] != ValueType.ABSENT) {
                double v = Double.longBitsToDouble(c.numbers[r]);
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (scale >= 0) {
                    int s = decimalScale(v);
                    scale = s < 0 ? -1 : Math.max(scale, s);
                }
            }
        }
        if (scaled.length < rows) {
            scaled = new long[rows];
        }
        int n = 0;
        long lmin = Long.MAX_VALUE;
        if (scale >= 0) {
            for (int r = 0; r < rows && scale >= 0; r++) {
                if (c.types[r] != ValueType.ABSENT) {
                    double v = Double.longBitsToDouble(c.numbers[r]);
                    long l = Math.round(v * POW10[scale]);
                    if (!exact(v, l, scale)) {
                        scale = -1;
                    } else {
                        scaled[n++] = l;
                        lmin = Math.min(lmin, l);
                    }
                }
            }
        }
        beginChunk(c, rows);
        long minBits = Double.doubleToRawLongBits(min);
        long maxBits = Double.doubleToRawLongBits(max);
        if (scale >= 0) {
            raw.writeByte(scale);
            writeLongs(scaled, n, lmin);
            return finish(c, ColumnEncoding.DECIMAL, EncodedColumn.NUMERIC_DOUBLE, minBits, maxBits, null);
        }
        for (int r = 0; r < rows; r++) {
            if (c.types[r] != ValueType.ABSENT) {
                raw.writeLongLE(c.numbers[r]);
            }
        }
        return finish(c, ColumnEncoding.DOUBLE, EncodedColumn.NUMERIC_DOUBLE, minBits, maxBits, null);
    }

    /** The smallest decimal scale at which the double is an integer that divides back to exactly it, or -1. */
    static int decimalScale(double v) {
        for (int s = 0; s <= MAX_DECIMAL_SCALE; s++) {
            double x = v * POW10[s];
            if (Math.abs(x) >= 9.0e15) {
                return -1;
            }
            if (exact(v, Math.round(x), s)) {
                return s;
            }
        }
        return -1;
    }

    /** Whether {@code l / 10^scale} is bit for bit the double (so -0.0 and NaN never pass). */
    static boolean exact(double v, long l, int scale) {
        return Math.abs(l) < (1L << 53) && Double.doubleToRawLongBits(l / POW10[scale]) == Double.doubleToRawLongBits(v);
    }

    /**
     * LONG payload, bit-packed: mode 0 frame of reference ({@code min} as a zig-zag varint, a width byte, then each
     * {@code v - min}), mode 1 deltas ({@code first}, {@code min delta}, a width byte, then each following
     * {@code delta - min delta}); whichever packs narrower. Times and counters in time order take mode 1.
     */
    private void writeLongs(long[] v, int n, long base) {
        long maxOffset = 0;
        long minDelta = Long.MAX_VALUE;
        long maxDelta = Long.MIN_VALUE;
        boolean deltasFit = true;
        for (int i = 0; i < n; i++) {
            maxOffset = Math.max(maxOffset, v[i] - base);
            if (i > 0) {
                long d = v[i] - v[i - 1];
                // A delta that overflowed cannot be packed as one.
                deltasFit &= (v[i] >= v[i - 1]) == (d >= 0);
                minDelta = Math.min(minDelta, d);
                maxDelta = Math.max(maxDelta, d);
            }
        }
        int forWidth = maxOffset < 0 ? 64 : BitPacking.width(maxOffset);
        long deltaSpan = n > 1 ? maxDelta - minDelta : 0;
        int deltaWidth = !deltasFit || (n > 1 && deltaSpan < 0) ? 65 : BitPacking.width(deltaSpan);
        if (scratchLongs.length < n) {
            scratchLongs = new long[n];
        }
        if (n > 1 && deltaWidth < forWidth) {
            raw.writeByte(1);
            raw.writeZigZag(v[0]);
            raw.writeZigZag(minDelta);
            raw.writeByte(deltaWidth);
            for (int i = 1; i < n; i++) {
                scratchLongs[i - 1] = v[i] - v[i - 1] - minDelta;
            }
            BitPacking.pack(scratchLongs, n - 1, deltaWidth, raw);
        } else {
            raw.writeByte(0);
            raw.writeZigZag(base);
            raw.writeByte(forWidth);
            for (int i = 0; i < n; i++) {
                scratchLongs[i] = v[i] - base;
            }
            BitPacking.pack(scratchLongs, n, forWidth, raw);
        }
    }

    // ---------------------------------------------------------------- mixed

    private EncodedColumn mixed(ColumnBuilder c, int rows) {
        beginChunk(c, rows);
        for (int r = 0; r < rows; r++) {
            if (c.types[r] != ValueType.ABSENT) {
                writeValue(c, r, raw);
            }
        }
        return finish(c, ColumnEncoding.MIXED, EncodedColumn.NUMERIC_NONE, 0, 0, null);
    }

    // ---------------------------------------------------------------- chunk

    private void beginChunk(ColumnBuilder c, int rows) {
        raw.clear();
        if (c.present == rows) {
            raw.writeByte(0);
            return;
        }
        raw.writeByte(1);
        int start = raw.size();
        raw.reserve((rows + 7) / 8);
        for (int i = 0; i < (rows + 7) / 8; i++) {
            raw.writeByte(0);
        }
        byte[] a = raw.array();
        for (int r = 0; r < rows; r++) {
            if (c.types[r] != ValueType.ABSENT) {
                a[start + (r >>> 3)] |= (byte) (1 << (r & 7));
            }
        }
    }

    private EncodedColumn finish(ColumnBuilder c, byte encoding, int numeric, long min, long max, byte[] bloom) {
        byte[] valueCounts = this.valueCounts;
        this.valueCounts = null;
        out.clear();
        zstd.compress(raw.array(), 0, raw.size(), out);
        return new EncodedColumn(c.key, encoding, c.present, null, out.toByteArray(), numeric, min, max, bloom,
                bloom == null ? null : hashArray(), valueCounts);
    }

    @Override
    public void close() {
        zstd.close();
    }
}
