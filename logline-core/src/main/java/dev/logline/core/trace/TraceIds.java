package dev.logline.core.trace;

import java.util.concurrent.ThreadLocalRandom;

/** Generation and validation of W3C trace ids (32 lower-case hex) and span ids (16 lower-case hex). */
public final class TraceIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final String INVALID_TRACE_ID = "00000000000000000000000000000000";
    private static final String INVALID_SPAN_ID = "0000000000000000";

    private TraceIds() {
    }

    /** A new random trace id; never all zeros, as W3C requires. */
    public static String newTraceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high;
        long low;
        do {
            high = random.nextLong();
            low = random.nextLong();
        } while (high == 0 && low == 0);
        return hex(high, 16) + hex(low, 16);
    }

    /** A new random span id; never all zeros. */
    public static String newSpanId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        return hex(id, 16);
    }

    /** True when {@code id} is 32 lower-case hex digits and not all zeros. */
    public static boolean isValidTraceId(String id) {
        return id != null && id.length() == 32 && isLowerHex(id) && !INVALID_TRACE_ID.equals(id);
    }

    /** True when {@code id} is 16 lower-case hex digits and not all zeros. */
    public static boolean isValidSpanId(String id) {
        return id != null && id.length() == 16 && isLowerHex(id) && !INVALID_SPAN_ID.equals(id);
    }

    static boolean isLowerHex(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static String hex(long value, int digits) {
        char[] out = new char[digits];
        for (int i = digits - 1; i >= 0; i--) {
            out[i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
        return new String(out);
    }
}
