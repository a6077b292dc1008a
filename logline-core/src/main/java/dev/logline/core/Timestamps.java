package dev.logline.core;

/**
 * Reads event times in the forms peers send (RFC 3339 / ISO-8601 with any fraction and offset, a space
 * for {@code T}, a comma before the fraction, epoch seconds, millis, micros or nanos as numbers or digit
 * strings) and writes them as RFC 3339 UTC with exactly six fraction digits.
 */
public final class Timestamps {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private Timestamps() {
    }

    /**
     * Parses a timestamp value: a {@link Number} or a {@link CharSequence}.
     *
     * @return microseconds since the epoch
     * @throws IllegalArgumentException when the value is no timestamp this class understands
     */
    public static long parseMicros(Object value) {
        if (value instanceof Number) {
            return fromEpochNumber(((Number) value).doubleValue(), value instanceof Long || value instanceof Integer
                    ? ((Number) value).longValue() : Long.MIN_VALUE);
        }
        if (value instanceof CharSequence) {
            return parseMicros(value.toString());
        }
        throw new IllegalArgumentException("unrecognised timestamp " + value);
    }

    /**
     * Parses a timestamp string.
     *
     * @throws IllegalArgumentException with the reason when the text is no timestamp
     */
    public static long parseMicros(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty timestamp");
        }
        if (isEpochNumber(s)) {
            if (s.indexOf('.') < 0) {
                try {
                    long n = Long.parseLong(s);
                    return fromEpochNumber(n, n);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("unrecognised timestamp '" + text + "'");
                }
            }
            return fromEpochNumber(Double.parseDouble(s), Long.MIN_VALUE);
        }
        return parseIso(s, text);
    }

    private static boolean isEpochNumber(String s) {
        int dots = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots <= 1;
    }

    /** Picks the unit of an epoch number by its magnitude: s below 1e11, ms below 1e14, µs below 1e17, else ns. */
    private static long fromEpochNumber(double d, long exact) {
        double a = Math.abs(d);
        if (exact != Long.MIN_VALUE) {
            long n = exact;
            if (a < 1e11) {
                return Math.multiplyExact(n, MICROS_PER_SECOND);
            } else if (a < 1e14) {
                return Math.multiplyExact(n, 1_000L);
            } else if (a < 1e17) {
                return n;
            }
            return n / 1_000L;
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("unrecognised timestamp " + d);
        }
        if (a < 1e11) {
            return Math.round(d * 1e6);
        } else if (a < 1e14) {
            return Math.round(d * 1e3);
        } else if (a < 1e17) {
            return Math.round(d);
        }
        return Math.round(d / 1e3);
    }

    private static long parseIso(String s, String original) {
        try {
            int year = digits(s, 0, 4);
            expect(s, 4, '-');
            int month = digits(s, 5, 2);
            expect(s, 7, '-');
            int day = digits(s, 8, 2);
            int i = 10;
            int hour = 0;
            int minute = 0;
            int second = 0;
            long micros = 0;
            if (i < s.length() && (s.charAt(i) == 'T' || s.charAt(i) == 't' || s.charAt(i) == ' ')) {
                hour = digits(s, i + 1, 2);
                expect(s, i + 3, ':');
                minute = digits(s, i + 4, 2);
                i += 6;
                if (i < s.length() && s.charAt(i) == ':') {
                    second = digits(s, i + 1, 2);
                    i += 3;
                }
                if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                    i++;
                    int start = i;
                    long scale = 100_000L;
                    while (i < s.length() && Character.isDigit(s.charAt(i))) {
                        if (scale > 0) {
                            micros += (s.charAt(i) - '0') * scale;
                            scale /= 10;
                        }
                        i++;
                    }
                    if (i == start) {
                        throw new IllegalArgumentException("no digits after the decimal separator");
                    }
                }
            }
            int offsetSeconds = 0;
            if (i < s.length()) {
                char c = s.charAt(i);
                if (c == 'Z' || c == 'z') {
                    i++;
                } else if (c == '+' || c == '-') {
                    int oh = digits(s, i + 1, 2);
                    int j = i + 3;
                    if (j < s.length() && s.charAt(j) == ':') {
                        j++;
                    }
                    int om = j < s.length() ? digits(s, j, 2) : 0;
                    j = j < s.length() ? j + 2 : j;
                    offsetSeconds = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
                    i = j;
                } else if (c == ' ' && s.substring(i).trim().equalsIgnoreCase("UTC")) {
                    i = s.length();
                }
            }
            if (i != s.length()) {
                throw new IllegalArgumentException("unexpected '" + s.substring(i) + "'");
            }
            if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
                throw new IllegalArgumentException("field out of range");
            }
            long epochDay = epochDay(year, month, day);
            long secs = epochDay * 86_400L + hour * 3600L + minute * 60L + Math.min(second, 59) - offsetSeconds;
            return secs * MICROS_PER_SECOND + micros;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("unrecognised timestamp '" + original
                    + "': expected RFC 3339 like 2026-11-22T10:00:00.123Z or an epoch number", e);
        }
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("expected a digit at " + i);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static void expect(String s, int at, char c) {
        if (s.charAt(at) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + at);
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    static long epochDay(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /** Formats as {@code 2026-11-22T10:00:00.123456Z}. */
    public static String formatMicros(long micros) {
        char[] buf = new char[27];
        formatMicros(micros, buf);
        return new String(buf);
    }

    /** Writes the 27 characters of {@link #formatMicros(long)} into {@code out} without allocating. */
    public static void formatMicros(long micros, char[] out) {
        long secs = Math.floorDiv(micros, MICROS_PER_SECOND);
        int frac = (int) Math.floorMod(micros, MICROS_PER_SECOND);
        long days = Math.floorDiv(secs, 86_400L);
        int secOfDay = (int) Math.floorMod(secs, 86_400L);
        // civil_from_days
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        if (m <= 2) {
            y++;
        }
        put(out, 0, (int) y, 4);
        out[4] = '-';
        put(out, 5, m, 2);
        out[7] = '-';
        put(out, 8, d, 2);
        out[10] = 'T';
        put(out, 11, secOfDay / 3600, 2);
        out[13] = ':';
        put(out, 14, secOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secOfDay % 60, 2);
        out[19] = '.';
        put(out, 20, frac, 6);
        out[26] = 'Z';
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
