package dev.logline.store.columnar.encoding;

/**
 * The 64-bit hash of the store's bloom filters, part of the on-disk format: FNV-1a over the bytes, then the
 * MurmurHash3 {@code fmix64} finalizer so every output bit depends on every input bit. Strings hash as their UTF-8
 * bytes; ASCII strings are hashed from their chars without encoding them.
 *
 * @lucene.internal
 */
public final class Hash64 {

    static final long OFFSET = 0xcbf29ce484222325L;
    static final long PRIME = 0x100000001b3L;

    private Hash64() {
    }

    public static long ofBytes(byte[] b, int off, int len) {
        long h = OFFSET;
        for (int i = off, end = off + len; i < end; i++) {
            h = (h ^ (b[i] & 0xFF)) * PRIME;
        }
        return fmix(h);
    }

    /** The hash of the string's UTF-8 bytes. */
    public static long ofString(String s) {
        long h = OFFSET;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                return ofBytes(utf8, 0, utf8.length);
            }
            h = (h ^ c) * PRIME;
        }
        return fmix(h);
    }

    /** Continues an FNV-1a state with one byte (for hashing while tokenizing); finish with {@link #fmix}. */
    public static long step(long h, int b) {
        return (h ^ (b & 0xFF)) * PRIME;
    }

    public static long start() {
        return OFFSET;
    }

    public static long fmix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
