package dev.logline.core.redact;

import java.util.Locale;

/**
 * What happens to a value a rule matched. Ordered from weakest to strongest: where two matches overlap in one text,
 * the stronger action wins.
 */
public enum RedactAction {
    /** Keep the last 4 letters and digits, every other letter and digit becomes {@code *}; separators stay. */
    PARTIAL,
    /** A keyed HMAC-SHA256 ({@code hmac:<16 hex>}): equal values give equal hashes, so events still correlate. */
    HASH,
    /** Replace with {@code [REDACTED]} (a field) or {@code [REDACTED:<detector>]} (a span found in text). */
    MASK,
    /** Remove the field; a message or exception message cannot be removed, so there it is masked. */
    DROP;

    /** The lower-case name used in rules. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The action named {@code text} (any case), or {@code null} when it names none.
     */
    static RedactAction parse(String text) {
        for (RedactAction a : values()) {
            if (a.text().equalsIgnoreCase(text)) {
                return a;
            }
        }
        return null;
    }

    /** The stronger of two actions. */
    static RedactAction stronger(RedactAction a, RedactAction b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
