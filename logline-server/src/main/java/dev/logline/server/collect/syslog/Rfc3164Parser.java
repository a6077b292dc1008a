package dev.logline.server.collect.syslog;

import dev.logline.core.LogEvent;
import dev.logline.core.Timestamps;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Parses the part of a BSD syslog (RFC 3164) message after its PRI, as real senders write it:
 * {@code Mmm dd hh:mm:ss HOSTNAME TAG[PID]: MSG}, with the common variants (a space-padded day, a year or
 * fraction after the time, an RFC 3339 timestamp instead, no hostname, no tag).
 *
 * <p>The timestamp has no year or zone: it is read in a configured zone and the current year, moved a year
 * back when that would put it more than a day in the future (a December line read in January). Nothing in
 * the message is mandatory; what cannot be read stays in the message, so no line is lost.
 */
public final class Rfc3164Parser {

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
    private static final long FUTURE_SLACK_SECONDS = 86_400;

    private Rfc3164Parser() {
    }

    /**
     * Fills the builder from the message.
     *
     * @param from           the index after PRI (0 when the line has none)
     * @param receivedMicros the time used when the line carries no readable timestamp
     * @param now            the current time, for year inference
     * @param zone           the zone the sender's clock is in
     */
    static void parse(String line, int from, long receivedMicros, Instant now, ZoneId zone, LogEvent.Builder b) {
        int at = from;
        long ts = Long.MIN_VALUE;
        int end = bsdTimestampEnd(line, at);
        if (end > 0) {
            ts = bsdTimestamp(line, at, now, zone);
            at = end;
        } else {
            int space = line.indexOf(' ', at);
            if (space > at && looksIso(line, at)) {
                try {
                    ts = Timestamps.parseMicros(line.substring(at, space));
                    at = space;
                } catch (IllegalArgumentException notATimestamp) {
                    ts = Long.MIN_VALUE;
                }
            }
        }
        b.tsMicros(ts == Long.MIN_VALUE ? receivedMicros : ts);
        if (ts != Long.MIN_VALUE) {
            at = skipSpaces(line, at);
            int hostEnd = line.indexOf(' ', at);
            // A first word that is already a tag ("su:" / "cron[12]:") means the sender left out the hostname.
            if (hostEnd > at && !isTag(line, at, hostEnd)) {
                b.host(line.substring(at, hostEnd));
                at = skipSpaces(line, hostEnd);
            }
        }
        at = readTag(line, at, b);
        b.msg(line.substring(Math.min(at, line.length())));
    }

    private static boolean looksIso(String s, int at) {
        return s.length() >= at + 10 && Character.isDigit(s.charAt(at)) && s.charAt(at + 4) == '-' && s.charAt(at + 7) == '-';
    }

    /** The index after "Mmm dd hh:mm:ss" (plus an optional year or fraction), or -1 when the text has no such timestamp. */
    private static int bsdTimestampEnd(String s, int at) {
        if (s.length() < at + 15 || month(s, at) < 0 || s.charAt(at + 3) != ' ') {
            return -1;
        }
        int i = at + 4;
        if (s.charAt(i) == ' ') {
            i++;
        }
        int dayStart = i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == dayStart || i - dayStart > 2 || i >= s.length() || s.charAt(i) != ' ') {
            return -1;
        }
        i++;
        if (s.length() >= i + 5 && isDigits(s, i, 4) && s.charAt(i + 4) == ' ') {
            i += 5; // "Mmm dd yyyy hh:mm:ss", as some network devices send
        }
        if (s.length() < i + 8 || !isDigits(s, i, 2) || s.charAt(i + 2) != ':' || !isDigits(s, i + 3, 2)
                || s.charAt(i + 5) != ':' || !isDigits(s, i + 6, 2)) {
            return -1;
        }
        i += 8;
        if (i < s.length() && s.charAt(i) == '.') {
            int f = i + 1;
            while (f < s.length() && Character.isDigit(s.charAt(f))) {
                f++;
            }
            i = f;
        }
        return i;
    }

    private static long bsdTimestamp(String s, int at, Instant now, ZoneId zone) {
        int month = month(s, at) + 1;
        int i = at + 4;
        if (s.charAt(i) == ' ') {
            i++;
        }
        int day = 0;
        while (Character.isDigit(s.charAt(i))) {
            day = day * 10 + (s.charAt(i++) - '0');
        }
        i++;
        Integer year = null;
        if (isDigits(s, i, 4) && s.charAt(i + 4) == ' ') {
            year = Integer.parseInt(s.substring(i, i + 4));
            i += 5;
        }
        int hour = Integer.parseInt(s.substring(i, i + 2));
        int minute = Integer.parseInt(s.substring(i + 3, i + 5));
        int second = Integer.parseInt(s.substring(i + 6, i + 8));
        i += 8;
        long micros = 0;
        if (i < s.length() && s.charAt(i) == '.') {
            long scale = 100_000;
            for (i++; i < s.length() && Character.isDigit(s.charAt(i)); i++) {
                micros += (s.charAt(i) - '0') * scale;
                scale /= 10;
            }
        }
        try {
            if (year != null) {
                return toMicros(LocalDateTime.of(year, month, day, hour, minute, Math.min(second, 59)).atZone(zone), micros);
            }
            int thisYear = now.atZone(zone).getYear();
            for (int y = thisYear; y >= thisYear - 4; y--) {
                try {
                    ZonedDateTime t = LocalDateTime.of(y, month, day, hour, minute, Math.min(second, 59)).atZone(zone);
                    if (t.toEpochSecond() <= now.getEpochSecond() + FUTURE_SLACK_SECONDS) {
                        return toMicros(t, micros);
                    }
                } catch (DateTimeException notInThisYear) {
                    // Feb 29 outside a leap year: try the year before.
                }
            }
        } catch (DateTimeException e) {
            // An impossible date (Feb 31): the caller falls back to the time of receipt.
        }
        return Long.MIN_VALUE;
    }

    private static long toMicros(ZonedDateTime t, long micros) {
        return t.toEpochSecond() * 1_000_000L + micros;
    }

    private static int month(String s, int at) {
        if (s.length() < at + 3) {
            return -1;
        }
        int idx = MONTHS.indexOf(s.substring(at, at + 3));
        return idx % 3 == 0 ? idx / 3 : -1;
    }

    private static boolean isDigits(String s, int at, int n) {
        if (s.length() < at + n) {
            return false;
        }
        for (int i = at; i < at + n; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the word between at and end is a TAG: a name, an optional [PID], then a colon. */
    private static boolean isTag(String s, int at, int end) {
        return tagEnd(s, at, end) == end;
    }

    /**
     * The index after "name[pid]:" starting at {@code at} and ending at most at {@code limit}, or -1. The name
     * is up to 48 characters without spaces, brackets or colons (parentheses allowed: {@code sshd(pam_unix)}).
     */
    private static int tagEnd(String s, int at, int limit) {
        int i = at;
        while (i < limit && i - at < 48) {
            char c = s.charAt(i);
            if (c == ' ' || c == '[' || c == ':' || c == ']') {
                break;
            }
            i++;
        }
        if (i == at || i >= limit) {
            return -1;
        }
        if (s.charAt(i) == '[') {
            int close = s.indexOf(']', i);
            if (close < 0 || close + 1 >= limit || close - i > 21) {
                return -1;
            }
            i = close + 1;
        }
        return s.charAt(i) == ':' ? i + 1 : -1;
    }

    private static int readTag(String s, int at, LogEvent.Builder b) {
        int end = tagEnd(s, at, s.length());
        if (end < 0) {
            return at;
        }
        int bracket = s.indexOf('[', at);
        if (bracket >= 0 && bracket < end) {
            b.service(s.substring(at, bracket));
            b.attribute("procid", s.substring(bracket + 1, end - 2));
        } else {
            b.service(s.substring(at, end - 1));
        }
        return end < s.length() && s.charAt(end) == ' ' ? end + 1 : end;
    }

    private static int skipSpaces(String s, int at) {
        while (at < s.length() && s.charAt(at) == ' ') {
            at++;
        }
        return at;
    }
}
