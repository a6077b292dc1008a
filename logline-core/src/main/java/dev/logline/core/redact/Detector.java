package dev.logline.core.redact;

import java.util.Locale;

/**
 * The built-in value detectors: shapes of secrets and personal data found inside any text (messages, attribute
 * values at any depth, exception messages and stacks, URLs), whatever the field is called.
 */
public enum Detector {
    /** Payment card numbers: 13-19 digits, optionally grouped by spaces or dashes, a known brand prefix, Luhn-valid. */
    CARD("card", true),
    /** JSON Web Tokens: {@code eyJ…} header and payload segments, and the signature. */
    JWT("jwt", true),
    /**
     * Credentials in text: the token after {@code Bearer}/{@code Basic}, and the password in a URL's
     * {@code user:password@host}.
     */
    CREDENTIAL("credential", true),
    /**
     * API and cloud key shapes: AWS access key ids, Google API keys, GitHub, GitLab, Slack, Stripe, npm, OpenAI and
     * Anthropic tokens.
     */
    CLOUD_KEY("cloud_key", true),
    /** PEM private key blocks ({@code -----BEGIN … PRIVATE KEY-----} to its end). */
    PRIVATE_KEY("private_key", true),
    /** E-mail addresses. */
    EMAIL("email", false),
    /** IBANs (country code, check digits, mod-97 valid), with or without spaces. */
    IBAN("iban", false),
    /** Dotted-quad IPv4 addresses. */
    IPV4("ipv4", false),
    /** IPv6 addresses (eight groups, or fewer with {@code ::}). */
    IPV6("ipv6", false);

    private final String ruleName;
    private final boolean defaultOn;

    Detector(String ruleName, boolean defaultOn) {
        this.ruleName = ruleName;
        this.defaultOn = defaultOn;
    }

    /** The name rules use ({@code detect card partial}). */
    public String ruleName() {
        return ruleName;
    }

    /** Whether the built-in default set has it on. */
    public boolean defaultOn() {
        return defaultOn;
    }

    /** The detector a rule names (any case, {@code -} or {@code _}), or {@code null}. */
    static Detector byRuleName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('-', '_');
        for (Detector d : values()) {
            if (d.ruleName.equals(n)) {
                return d;
            }
        }
        return null;
    }
}
