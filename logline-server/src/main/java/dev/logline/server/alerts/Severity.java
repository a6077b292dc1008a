package dev.logline.server.alerts;

import dev.logline.core.Level;
import dev.logline.server.documents.InvalidDocumentException;

import java.util.Locale;

/** How urgent a rule's alerts are; also the level of its firing events in {@code logline.alerts}. */
public enum Severity {
    INFO(Level.INFO), WARNING(Level.WARN), CRITICAL(Level.ERROR);

    private final Level level;

    Severity(Level level) {
        this.level = level;
    }

    /** The level of a firing event of this severity. */
    public Level level() {
        return level;
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Severity parse(String text) {
        for (Severity s : values()) {
            if (s.text().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new InvalidDocumentException("severity", "'" + text + "' is not a severity; use info, warning or critical");
    }
}
