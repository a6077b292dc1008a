package dev.logline.store.columnar.encoding;

/**
 * Packs unsigned values of a fixed bit width (0..64) back to back, least significant bits first, into little-endian
 * bytes: {@code n} values take {@code ceil(n * width / 8)} bytes. Integer columns (times, numbers, decimals) are
 * stored this way after subtracting their minimum or taking deltas, so decoding is shifts and masks.
 *
 * @lucene.internal
 */
public final class BitPacking {

    private BitPacking() {
    }

    /** The width that holds {@code max} (an unsigned value): 0 for 0. */
    public static int width(long max) {
        return 64 - Long.numberOfLeadingZeros(max);
    }

    public static int bytes(int n, int width) {
        return (int) (((long) n * width + 7) >>> 3);
    }

    /** Appends the low {@code width} bits of each of {@code values[0, n)}. */
    public static void pack(long[] values, int n, int width, ByteSink out) {
        if (width == 0) {
            return;
        }
        long mask = width == 64 ? -1L : (1L << width) - 1;
        long acc = 0;
        int bits = 0;
        for (int i = 0; i < n; i++) {
            long v = values[i] & mask;
            acc |= v << bits;
            int taken = Math.min(64 - bits, width);
            bits += width;
            if (bits >= 64) {
                out.writeLongLE(acc);
                bits -= 64;
                acc = bits == 0 ? 0 : v >>> taken;
            }
        }
        while (bits > 0) {
            out.writeByte((int) acc);
            acc >>>= 8;
            bits -= 8;
        }
    }

    /** Reads {@code n} values of {@code width} bits from {@code src} at {@code pos} into {@code out}. */
    public static void unpack(byte[] src, int pos, int n, int width, long[] out) {
        if (width == 0) {
            java.util.Arrays.fill(out, 0, n, 0L);
            return;
        }
        int need = bytes(n, width);
        if (pos < 0 || pos + need > src.length) {
            throw new CorruptDataException("bit-packed values run past their chunk");
        }
        long mask = width == 64 ? -1L : (1L << width) - 1;
        int end = pos + need;
        int p = pos;
        // A 64-bit window of bits not yet handed out: refilled eight bytes at a time, not re-read per value.
        long window = 0;
        int avail = 0;
        for (int i = 0; i < n; i++) {
            if (avail >= width) {
                out[i] = window & mask;
                window >>>= width;
                avail -= width;
                continue;
            }
            int loadBytes = Math.min(8, end - p);
            long next = readLE(src, p, end);
            p += loadBytes;
            int fromNext = width - avail;
            out[i] = (window | next << avail) & mask;
            window = fromNext == 64 ? 0 : next >>> fromNext;
            avail = loadBytes * 8 - fromNext;
        }
    }

    /** The value at {@code index} of {@code n} values of {@code width} bits packed at {@code pos}. */
    public static long get(byte[] src, int pos, int n, int width, int index) {
        if (width == 0) {
            return 0;
        }
        int need = bytes(n, width);
        if (pos < 0 || pos + need > src.length || index < 0 || index >= n) {
            throw new CorruptDataException("bit-packed value " + index + " of " + n + " runs past its chunk");
        }
        long bitPos = (long) pos * 8 + (long) index * width;
        int byteIndex = (int) (bitPos >>> 3);
        int shift = (int) (bitPos & 7);
        long v = readLE(src, byteIndex, pos + need) >>> shift;
        if (shift + width > 64) {
            long hi = byteIndex + 8 < pos + need ? src[byteIndex + 8] & 0xFFL : 0;
            v |= hi << (64 - shift);
        }
        return width == 64 ? v : v & ((1L << width) - 1);
    }

    private static long readLE(byte[] b, int i, int end) {
        if (i + 8 <= end) {
            return LittleEndian.getLong(b, i);
        }
        long v = 0;
        for (int k = 0; k < 8 && i + k < end; k++) {
            v |= (b[i + k] & 0xFFL) << (8 * k);
        }
        return v;
    }
}
