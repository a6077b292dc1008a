package dev.logline.core.sampling;

import java.nio.charset.StandardCharsets;

/**
 * The fixed, language-neutral rule that decides whether a trace is kept at a given rate, so every service keeps
 * or drops the same transactions.
 *
 * <p>Each trace id yields 56 bits of "randomness" R:
 * <ul>
 *   <li>a W3C trace id (32 hex digits, any case): its rightmost 14 hex digits read as an unsigned number — the
 *       bits W3C Trace Context Level 2 declares random and OpenTelemetry's consistent probability sampling uses;</li>
 *   <li>any other id (e.g. an {@code X-Request-Id}): the low 56 bits of the 64-bit FNV-1a hash of its UTF-8 bytes
 *       (offset basis {@code 0xcbf29ce484222325}, prime {@code 0x100000001b3}).</li>
 * </ul>
 * A trace is kept at rate {@code p} when {@code R < floor(p * 2^56)}. Rates are nested: a trace kept at 10 % is
 * kept at 20 % too.
 */
public final class TraceSampling {

    /** 2^56, the size of the randomness space. */
    public static final long RANDOMNESS_RANGE = 1L << 56;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private TraceSampling() {
    }

    /** The 56 random bits of a trace id, as defined in the class comment. */
    public static long randomness(String traceId) {
        if (traceId.length() == 32 && isHex(traceId)) {
            return Long.parseUnsignedLong(traceId.substring(18), 16);
        }
        long hash = FNV_OFFSET;
        for (byte b : traceId.getBytes(StandardCharsets.UTF_8)) {
            hash ^= (b & 0xff);
            hash *= FNV_PRIME;
        }
        return hash & (RANDOMNESS_RANGE - 1);
    }

    /** True when the trace with this id is kept at {@code rate} (0 keeps none, 1 keeps all). */
    public static boolean keeps(String traceId, double rate) {
        if (rate >= 1.0) {
            return true;
        }
        if (rate <= 0.0) {
            return false;
        }
        return randomness(traceId) < threshold(rate);
    }

    /** {@code floor(rate * 2^56)}: randomness values below it are kept. */
    public static long threshold(double rate) {
        return (long) Math.floor(rate * RANDOMNESS_RANGE);
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
