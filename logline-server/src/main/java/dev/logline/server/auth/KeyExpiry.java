package dev.logline.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads when a new key expires, as {@code logline keys create --expires} and the keys API take it: a duration from
 * now ({@code 90d}, {@code 12h}, {@code 2w}, {@code 30m}), a date ({@code 2027-03-31}, the start of that day UTC)
 * or an instant ({@code 2027-03-31T12:00:00Z}); {@code never} for a key that does not expire.
 */
public final class KeyExpiry {

    private KeyExpiry() {
    }

    /**
     * The expiry, or {@code null} for never.
     *
     * @throws IllegalArgumentException saying what forms are read, when the text is none of them or not in the future
     */
    public static Instant parse(String text, Instant now) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("never")) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        Instant at;
        if (t.matches("[0-9]{1,6}[mhdw]")) {
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            Duration d;
            switch (t.charAt(t.length() - 1)) {
                case 'm': d = Duration.ofMinutes(n); break;
                case 'h': d = Duration.ofHours(n); break;
                case 'd': d = Duration.ofDays(n); break;
                default: d = Duration.ofDays(7 * n);
            }
            at = now.plus(d);
        } else {
            try {
                at = t.length() == 10 ? LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : Instant.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("expiry '" + text.trim() + "' is not a duration (90d, 12h, 2w, "
                        + "30m), a date (2027-03-31) or an instant (2027-03-31T12:00:00Z)", e);
            }
        }
        if (!at.isAfter(now)) {
            throw new IllegalArgumentException("expiry '" + text.trim() + "' is not in the future");
        }
        return at;
    }
}
