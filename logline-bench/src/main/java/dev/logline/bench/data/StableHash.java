package dev.logline.bench.data;

/** Seeded 64-bit hashing for deterministic ids: FNV-1a over text, finished with the SplitMix64 mixer. */
final class StableHash {

    private StableHash() {
    }

    /** FNV-1a of the UTF-16 chars of {@code s}. */
    static long of(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser: spreads every input bit over the output. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** {@code hexChars} lower-case hex digits (16 or 32) derived from {@code seed}. */
    static String hex(long seed, int hexChars) {
        StringBuilder sb = new StringBuilder(hexChars);
        long h = seed;
        while (sb.length() < hexChars) {
            h = mix(h + 0x9e3779b97f4a7c15L);
            String part = Long.toHexString(h);
            for (int pad = part.length(); pad < 16; pad++) {
                sb.append('0');
            }
            sb.append(part);
        }
        sb.setLength(hexChars);
        return sb.toString();
    }
}
