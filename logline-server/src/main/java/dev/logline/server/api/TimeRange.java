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

    public TimeRange {
        if (fromMicros >= toMicros) {
            throw new IllegalArgumentException("the time range is empty: 'from' must be before 'to'");
        }
    }

    /**
     * Reads the parameters (each may be {@code null}).
     *
     * @throws IllegalArgumentException naming the parameter when one cannot be read
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
            fromMicros = toMicros - span.toNanos() / 1_000L;
        }
        return new TimeRange(fromMicros, toMicros);
    }

    /** Epoch milliseconds (all digits) or any RFC 3339 / ISO-8601 text {@link Timestamps} reads. */
    static long instant(String param, String text) {
        String s = text.trim();
        try {
            if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
                return Math.multiplyExact(Long.parseLong(s), 1_000L);
            }
            return Timestamps.parseMicros(s);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("parameter '" + param + "': '" + text
                    + "' is not a time; use RFC 3339 (2026-11-22T10:00:00Z) or epoch milliseconds");
        }
    }

    /** {@code 500ms}, {@code 30s}, {@code 15m}, {@code 1h}, {@code 7d}, {@code 2w}. */
    public static Duration duration(String param, String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        String unit = s.substring(i);
        try {
            long n = Long.parseLong(s.substring(0, i));
            Duration d;
            switch (unit) {
                case "ms": d = Duration.ofMillis(n); break;
                case "s": d = Duration.ofSeconds(n); break;
                case "m": d = Duration.ofMinutes(n); break;
                case "h": d = Duration.ofHours(n); break;
                case "d": d = Duration.ofDays(n); break;
                case "w": d = Duration.ofDays(Math.multiplyExact(n, 7)); break;
                default: throw new IllegalArgumentException(unit);
            }
            if (d.isZero()) {
                throw new IllegalArgumentException("zero");
            }
            return d;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("parameter '" + param + "': '" + text
                    + "' is not a duration; use a number and a unit: 30s, 15m, 1h, 7d, 2w");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
