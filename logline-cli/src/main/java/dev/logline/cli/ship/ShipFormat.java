package dev.logline.cli.ship;

import java.util.Locale;

/** How the lines of a shipped file are read: JSON objects sent as they are, plain text wrapped into events, or either. */
public enum ShipFormat {
    /** A line that is a JSON object is sent as it is; any other line is plain text. */
    AUTO,
    /** Every line is sent as it is; the server reports lines that are no JSON object. */
    JSON,
    /** Every line is plain text, even when it looks like JSON. */
    PLAIN;

    /** Reads {@code auto}, {@code json} or {@code plain} in any case. */
    public static ShipFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format must be auto, json or plain, was '" + text + "'");
        }
    }
}
