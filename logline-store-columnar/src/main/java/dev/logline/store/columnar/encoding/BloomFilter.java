package dev.logline.store.columnar.encoding;

/**
 * A split-block bloom filter over 64-bit hashes (the layout of Parquet's and Impala's): the filter is an array of
 * 256-bit blocks; a hash picks one block with its high bits and sets one bit in each of the block's eight 32-bit
 * words with eight odd multipliers, so a lookup touches one cache line. With 8 bits per distinct value the false
 * positive rate is about 2 %, with 12 about 0.6 %.
 *
 * <p>On disk: the words as little-endian ints, {@code 8 * blocks} of them; the block count is the length / 32.
 *
 * @lucene.internal
 */
public final class BloomFilter {

    /** Bits spent per distinct exact value (ids, keywords): about 0.6 % false positives. */
    public static final int BITS_PER_VALUE = 12;
    /** Bits spent per distinct message token: about 1.2 %. */
    public static final int BITS_PER_TOKEN = 10;
    private static final int[] SALT = {0x47b6137b, 0x44974d91, 0x8824ad5b, 0xa2b7289d, 0x705495c7, 0x2df1424b,
            0x9efc4947, 0x5c6bfb31};

    private BloomFilter() {
    }

    /** The size in bytes of a filter for {@code distinct} values at {@code bitsPerValue}: whole 32-byte blocks. */
    public static int bytesFor(int distinct, int bitsPerValue) {
        long bits = (long) Math.max(1, distinct) * bitsPerValue;
        long blocks = Math.max(1, (bits + 255) / 256);
        return (int) Math.min(1 << 26, blocks * 32);
    }

    /** Sets the hash's bits in the filter {@code filter[off, off + len)}. */
    public static void add(byte[] filter, int off, int len, long hash) {
        int blocks = len >>> 5;
        int block = (int) (((hash >>> 32) * blocks) >>> 32);
        int key = (int) hash;
        int base = off + (block << 5);
        for (int i = 0; i < 8; i++) {
            int bit = (key * SALT[i]) >>> 27;
            int p = base + (i << 2) + (bit >>> 3);
            filter[p] |= (byte) (1 << (bit & 7));
        }
    }

    /** Whether the filter may hold the hash ({@code false}: certainly not). */
    public static boolean mayContain(byte[] filter, int off, int len, long hash) {
        int blocks = len >>> 5;
        if (blocks == 0) {
            return true;
        }
        int block = (int) (((hash >>> 32) * blocks) >>> 32);
        int key = (int) hash;
        int base = off + (block << 5);
        for (int i = 0; i < 8; i++) {
            int bit = (key * SALT[i]) >>> 27;
            int p = base + (i << 2) + (bit >>> 3);
            if ((filter[p] & (1 << (bit & 7))) == 0) {
                return false;
            }
        }
        return true;
    }
}
