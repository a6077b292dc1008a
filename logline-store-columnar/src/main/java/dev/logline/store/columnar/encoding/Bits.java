package dev.logline.store.columnar.encoding;

/**
 * Fixed-size bit sets over {@code long[]} words, the row masks of block evaluation (a block holds at most a few
 * thousand rows, so a plain array beats a compressed bitmap here).
 *
 * @lucene.internal
 */
public final class Bits {

    private Bits() {
    }

    public static long[] create(int bits) {
        return new long[(bits + 63) >>> 6];
    }

    /** A set with bits {@code [0, n)} on. */
    public static long[] all(int n) {
        long[] b = create(n);
        setRange(b, 0, n);
        return b;
    }

    public static void setRange(long[] b, int from, int to) {
        if (from >= to) {
            return;
        }
        int first = from >>> 6;
        int last = (to - 1) >>> 6;
        long firstMask = -1L << from;
        long lastMask = -1L >>> (63 - ((to - 1) & 63));
        if (first == last) {
            b[first] |= firstMask & lastMask;
            return;
        }
        b[first] |= firstMask;
        for (int w = first + 1; w < last; w++) {
            b[w] = -1L;
        }
        b[last] |= lastMask;
    }

    public static boolean get(long[] b, int i) {
        return (b[i >>> 6] & (1L << i)) != 0;
    }

    public static void set(long[] b, int i) {
        b[i >>> 6] |= 1L << i;
    }

    public static void clear(long[] b, int i) {
        b[i >>> 6] &= ~(1L << i);
    }

    public static int count(long[] b) {
        int c = 0;
        for (long w : b) {
            c += Long.bitCount(w);
        }
        return c;
    }

    public static boolean isEmpty(long[] b) {
        for (long w : b) {
            if (w != 0) {
                return false;
            }
        }
        return true;
    }

    public static void and(long[] into, long[] other) {
        for (int i = 0; i < into.length; i++) {
            into[i] &= other[i];
        }
    }

    public static void or(long[] into, long[] other) {
        for (int i = 0; i < into.length; i++) {
            into[i] |= other[i];
        }
    }

    /** {@code into = into AND NOT other}. */
    public static void andNot(long[] into, long[] other) {
        for (int i = 0; i < into.length; i++) {
            into[i] &= ~other[i];
        }
    }

    /** The next set bit at or after {@code from}, or -1. */
    public static int next(long[] b, int from) {
        int w = from >>> 6;
        if (w >= b.length) {
            return -1;
        }
        long word = b[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(word);
            }
            if (++w == b.length) {
                return -1;
            }
            word = b[w];
        }
    }

    /** The previous set bit at or before {@code from}, or -1. */
    public static int previous(long[] b, int from) {
        if (from < 0) {
            return -1;
        }
        int w = from >>> 6;
        long word = b[w] & (-1L >>> (63 - (from & 63)));
        while (true) {
            if (word != 0) {
                return (w << 6) + 63 - Long.numberOfLeadingZeros(word);
            }
            if (w-- == 0) {
                return -1;
            }
            word = b[w];
        }
    }
}
