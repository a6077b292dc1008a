package dev.logline.store.columnar.query;

/** Hex ids as a hex column stores them: lower-case hex text of an even length, kept as its raw bytes. */
final class HexIds {

    private HexIds() {
    }

    /** The raw bytes of {@code text} when it is lower-case hex of {@code width} bytes, else null. */
    static byte[] raw(String text, int width) {
        if (text.length() != width * 2) {
            return null;
        }
        byte[] out = new byte[width];
        for (int i = 0; i < width; i++) {
            int hi = digit(text.charAt(2 * i));
            int lo = digit(text.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
