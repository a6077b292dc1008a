package dev.logline.server.api;

import dev.logline.core.LogEvent;
import dev.logline.core.Timestamps;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The time window of a read, from the request's {@code from}, {@code to} and {@code last} parameters:
 * {@code from}/{@code to} are RFC 3339 or epoch milliseconds, {@code last} a duration such as {@code 90s},
 * {@code 15m}, {@code 1h}, {@code 7d}, {@code 2w}. {@code last} counts back from {@code to} (default now); with
 * neither {@code from} nor {@code last} the window is the endpoint's default span before {@code to}.
 *
 * @param fromMicros inclusive start, epoch microseconds
 * @param toMicros   exclusive end, epoch microseconds
 */
public record TimeRange(long fromMicros, long toMicros) {

    /** The first instant a window may start at: 0001-01-01T00:00:00Z. */
    static final long MIN_MICROS = -62_135_596_800_000_000L;
    /** The end of 9999-12-31 UTC: no window reaches past it. */
    static final long MAX_MICROS = 253_402_300_800_000_000L;
    /** The longest duration a parameter may give ({@code last}, {@code interval}): 100 years of 365 days. */
    static final long MAX_DURATION_DAYS = 36_500;

    public TimeRange {
        if (fromMicros >= toMicros) {
            throw new IllegalArgumentException("the time range is empty: 'from' must be before 'to'");
        }
    }

    /**
     * Reads the parameters (each may be {@code null}). A {@code last} reaching before year 1 starts at year 1.
     *
     * @throws IllegalArgumentException naming the parameter when one cannot be read or is out of range
     */
    public static TimeRange of(String from, String to, String last, Instant now, Duration defaultSpan) {
        // "to" is exclusive; one microsecond past now keeps an event stamped exactly now inside the window.
        long toMicros = blank(to) ? LogEvent.toMicros(now) + 1 : instant("to", to);
        long fromMicros;
        if (!blank(from)) {
            if (!blank(last)) {
                throw new IllegalArgumentException("give either 'from' or 'last', not both");
            }
            fromMicros = instant("from", from);
        } else {
            Duration span = blank(last) ? defaultSpan : duration("last", last);
            // Both are bounded (years 1..9999, at most 100 years), so this cannot overflow.
            fromMicros = Math.max(MIN_MICROS, toMicros - span.toSeconds() * 1_000_000L - span.toNanosPart() / 1_000L);
        }
        return new TimeRange(fromMicros, toMicros);
    }

    /** Epoch milliseconds (all digits) or any RFC 3339 / ISO-8601 text {@link Timestamps} reads, years 1 to 9999. */
    static long instant(String param, String text) {
        String s = text.trim();
        long micros;
        try {
            if (!s.isEmpty() && s.length() <= 19 && s.chars().allMatch(Character::isDigit)) {
                micros = Math.multiplyExact(Long.parseLong(s), 1_000L);
            } else {
                micros = Timestamps.parseMicros(s);
            }
        } catch (RuntimeException e) {
            // Whatever the parser throws (a bad date, an overflow) means the same to the caller: not a time.
            micros = Long.MIN_VALUE;
        }
        if (micros == Long.MIN_VALUE) {
            throw new IllegalArgumentException("parameter '" + param + "': '" + ApiEndpoint.shorten(text)
                    + "' is not a time; use RFC 3339 (2026-11-22T10:00:00Z) or epoch milliseconds");
        }
        if (micros < MIN_MICROS || micros >= MAX_MICROS) {
            throw new IllegalArgumentException("parameter '" + param + "': '" + ApiEndpoint.shorten(text)
                    + "' is outside the years 1 to 9999");
        }
        return micros;
    }

    /** {@code 500ms}, {@code 30s}, {@code 15m}, {@code 1h}, {@code 7d}, {@code 2w}; at most 100 years. */
    public static Duration duration(String param, String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        String unit = s.substring(i);
        long perUnitMillis;
        switch (unit) {
            case "ms": perUnitMillis = 1L; break;
            case "s": perUnitMillis = 1_000L; break;
            case "m": perUnitMillis = 60_000L; break;
            case "h": perUnitMillis = 3_600_000L; break;
            case "d": perUnitMillis = 86_400_000L; break;
            case "w": perUnitMillis = 7 * 86_400_000L; break;
            default: perUnitMillis = 0;
        }
        if (i == 0 || perUnitMillis == 0) {
            throw new IllegalArgumentException("parameter '" + param + "': '" + ApiEndpoint.shorten(text)
                    + "' is not a duration; use a number and a unit: 30s, 15m, 1h, 7d, 2w");
        }
        String digits = s.substring(0, i);
        long maxMillis = MAX_DURATION_DAYS * 86_400_000L;
        // More digits than a long holds is over the cap anyway; compare before multiplying so nothing overflows.
        long n = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (n > maxMillis / perUnitMillis) {
            throw new IllegalArgumentException("parameter '" + param + "': '" + ApiEndpoint.shorten(text)
                    + "' is longer than the most a window or interval may be, " + MAX_DURATION_DAYS + "d (100 years)");
        }
        if (n == 0) {
            throw new IllegalArgumentException("parameter '" + param + "': '" + text + "' is zero; give a positive duration");
        }
        return Duration.ofMillis(n * perUnitMillis);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
