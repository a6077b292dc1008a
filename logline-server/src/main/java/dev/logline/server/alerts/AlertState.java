package dev.logline.server.alerts;

import java.util.Locale;

/**
 * Where one group of a rule stands: {@code ok} → {@code pending} (breaching, for fewer evaluations than the rule's
 * {@code for}) → {@code firing} → {@code resolved} (the first evaluation after firing that no longer breaches) →
 * {@code ok}. {@code error} is the rule's own state while its query fails.
 */
public enum AlertState {
    OK, PENDING, FIRING, RESOLVED, ERROR;

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How much a state asks for attention, to pick a rule's overall state from its groups. */
    int urgency() {
        return switch (this) {
            case OK -> 0;
            case RESOLVED -> 1;
            case PENDING -> 2;
            case FIRING -> 3;
            case ERROR -> 4;
        };
    }

    static AlertState parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
