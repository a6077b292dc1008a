package dev.logline.core.redact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Which fields and which shapes of value are redacted, and how: the configuration a {@link Redactor} runs. The same
 * rules configure the encoder (logback.xml), {@code logline ship} and the server, written one per line (or
 * separated by {@code ;}) in this syntax:
 *
 * <pre>
 * field &lt;pattern&gt; [mask|partial|hash|drop|off]     field names: password, *.token, headers.authorization
 * detect &lt;detector&gt; [mask|partial|hash|drop|off]   card jwt credential cloud_key private_key email iban ipv4 ipv6
 * regex &lt;name&gt; /&lt;expression&gt;/ [mask|partial|hash|drop]
 * </pre>
 *
 * The action defaults to {@code mask}; {@code off} removes a field rule or switches a detector off (including those
 * of the built-in set). Immutable and thread-safe. See {@code docs/SECURITY.md} ("Redaction").
 */
public final class RedactionPolicy {

    /**
     * Field names the built-in set masks: passwords, secrets, tokens, credentials, authorization and cookie
     * headers, API and private keys, session ids, card numbers and their codes.
     */
    public static final List<String> DEFAULT_FIELDS = List.of(
            "*password*", "*passwd*", "pwd", "*passphrase*", "*secret*", "*token", "authorization",
            "proxyauthorization", "*cookie", "*apikey", "*privatekey", "*credential*", "*sessionid",
            "card", "cardnumber", "ccnumber", "creditcard", "cvv", "cvv2", "cvc", "ssn");

    private static final Detector[] DETECTORS = Detector.values();

    private final List<FieldRule> fields;
    private final SpanRule[] detectors;
    private final List<PatternRule> patterns;
    private final byte[] hashKey;

    private RedactionPolicy(List<FieldRule> fields, SpanRule[] detectors, List<PatternRule> patterns, byte[] hashKey) {
        this.fields = List.copyOf(fields);
        this.detectors = detectors;
        this.patterns = List.copyOf(patterns);
        this.hashKey = hashKey;
    }

    /** No rules at all: a redactor on it changes nothing and costs nothing. */
    public static RedactionPolicy none() {
        return builder().build();
    }

    /** The built-in set: {@link #DEFAULT_FIELDS} masked, and the detectors that are {@link Detector#defaultOn()}. */
    public static RedactionPolicy defaults() {
        return builder().withDefaults().build();
    }

    /**
     * A builder for a redaction mode as settings name it: {@code on} (the built-in set, to which rules are added),
     * {@code custom} (no built-in rule) — or {@code null} for {@code off} (nothing is redacted).
     *
     * @throws IllegalArgumentException for any other mode, saying which exist
     */
    public static Builder forMode(String mode) {
        String m = mode == null ? "on" : mode.strip().toLowerCase(java.util.Locale.ROOT);
        switch (m) {
            case "on":
            case "true":
            case "default":
                return builder().withDefaults();
            case "custom":
                return builder();
            case "off":
            case "false":
                return null;
            default:
                throw new IllegalArgumentException("unknown redaction mode '" + mode + "': use on (the built-in rules "
                        + "and yours), custom (only yours) or off");
        }
    }

    /** An empty builder; {@link Builder#withDefaults()} adds the built-in set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether any rule is configured; a policy without rules is skipped entirely. */
    public boolean active() {
        if (!fields.isEmpty() || !patterns.isEmpty()) {
            return true;
        }
        for (SpanRule d : detectors) {
            if (d != null) {
                return true;
            }
        }
        return false;
    }

    List<FieldRule> fields() {
        return fields;
    }

    /** The rule of a detector, or {@code null} when it is off. */
    SpanRule detector(Detector d) {
        return detectors[d.ordinal()];
    }

    List<PatternRule> patterns() {
        return patterns;
    }

    /** The HMAC key of the {@code hash} action, or {@code null} when no rule hashes. */
    byte[] hashKey() {
        return hashKey;
    }

    /** The rules in the rule syntax, one per line, for status messages and docs. */
    public String describe() {
        List<String> lines = new ArrayList<>();
        for (FieldRule f : fields) {
            lines.add("field " + f.pattern().text() + " " + f.action().text());
        }
        for (Detector d : DETECTORS) {
            SpanRule r = detectors[d.ordinal()];
            if (r != null) {
                lines.add("detect " + d.ruleName() + " " + r.action().text());
            }
        }
        for (PatternRule p : patterns) {
            lines.add("regex " + p.name() + " /" + p.pattern().pattern() + "/ " + p.span().action().text());
        }
        return String.join("\n", lines);
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Collects rules; later rules replace earlier ones for the same field pattern, detector or regex name. */
    public static final class Builder {
        private final List<FieldRule> fields = new ArrayList<>();
        private final Map<Detector, RedactAction> detectors = new EnumMap<>(Detector.class);
        private final List<PatternRule> patterns = new ArrayList<>();
        private byte[] hashKey;

        private Builder() {
        }

        /** Adds the built-in set (field names and default-on detectors, all masked). */
        public Builder withDefaults() {
            for (String f : DEFAULT_FIELDS) {
                field(f, RedactAction.MASK);
            }
            for (Detector d : DETECTORS) {
                if (d.defaultOn()) {
                    detectors.put(d, RedactAction.MASK);
                }
            }
            return this;
        }

        /** Redacts every field whose path the pattern matches (see {@link FieldPattern}). */
        public Builder field(String pattern, RedactAction action) {
            FieldPattern p = FieldPattern.parse(pattern);
            removeField(p.text());
            fields.add(new FieldRule(p, Objects.requireNonNull(action, "action")));
            return this;
        }

        /** Removes the rule of this exact pattern (compared as names are), built-in or not. */
        public Builder removeField(String pattern) {
            String key = normalizedPattern(pattern);
            fields.removeIf(f -> normalizedPattern(f.pattern().text()).equals(key));
            return this;
        }

        /** Switches a detector on with an action. */
        public Builder detector(Detector d, RedactAction action) {
            detectors.put(d, Objects.requireNonNull(action, "action"));
            return this;
        }

        /** Switches a detector off. */
        public Builder detectorOff(Detector d) {
            detectors.remove(d);
            return this;
        }

        /**
         * Redacts every match of a regular expression.
         *
         * @throws IllegalArgumentException when the expression does not compile, or matches the empty string
         */
        public Builder pattern(String name, String regex, RedactAction action) {
            if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
                throw new IllegalArgumentException("regex rule name '" + name + "' must be 1-64 letters, digits, "
                        + "'_', '.' or '-'");
            }
            Pattern p;
            try {
                p = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("regex rule " + name + ": /" + regex + "/ is not a valid "
                        + "expression: " + e.getDescription() + " near index " + e.getIndex(), e);
            }
            if (p.matcher("").matches()) {
                throw new IllegalArgumentException("regex rule " + name + ": /" + regex + "/ matches the empty "
                        + "text, so it would redact nothing useful; make it match at least one character");
            }
            patterns.removeIf(r -> r.name().equals(name));
            patterns.add(new PatternRule(name, p, new SpanRule(name, Objects.requireNonNull(action, "action"), null)));
            return this;
        }

        /** The key of the {@code hash} action (HMAC-SHA256); at least 16 bytes. */
        public Builder hashKey(byte[] key) {
            if (key != null && key.length < 16) {
                throw new IllegalArgumentException("the redaction hash key has " + key.length + " bytes; use at "
                        + "least 16 random bytes (e.g. `openssl rand -base64 32`)");
            }
            hashKey = key == null ? null : key.clone();
            return this;
        }

        /**
         * Applies rules in the rule syntax, one per line or separated by {@code ;} (blank lines and {@code #}
         * comments are skipped).
         *
         * @throws IllegalArgumentException naming the rule and what is wrong with it
         */
        public Builder rules(String text) {
            if (text == null) {
                return this;
            }
            for (String rule : RuleText.split(text)) {
                rule(rule);
            }
            return this;
        }

        /**
         * Applies one rule in the rule syntax.
         *
         * @throws IllegalArgumentException naming the rule and what is wrong with it
         */
        public Builder rule(String text) {
            RuleText.apply(text, this);
            return this;
        }

        /**
         * The policy.
         *
         * @throws IllegalArgumentException when a rule hashes but no {@link #hashKey} was given
         */
        public RedactionPolicy build() {
            boolean hashes = fields.stream().anyMatch(f -> f.action() == RedactAction.HASH)
                    || detectors.containsValue(RedactAction.HASH)
                    || patterns.stream().anyMatch(p -> p.span().action() == RedactAction.HASH);
            if (hashes && hashKey == null) {
                throw new IllegalArgumentException("a redaction rule uses the hash action, which needs a secret key so "
                        + "that hashes cannot be reversed by guessing: give one (at least 16 random bytes), e.g. "
                        + "from env:LOGLINE_REDACTION_KEY");
            }
            SpanRule[] ds = new SpanRule[DETECTORS.length];
            detectors.forEach((d, a) -> ds[d.ordinal()] = new SpanRule(d.ruleName(), a, d));
            return new RedactionPolicy(fields, ds, patterns, hashes ? hashKey : null);
        }

        private static String normalizedPattern(String pattern) {
            String t = pattern == null ? "" : pattern.trim();
            return Arrays.stream(t.split("\\.", -1))
                    .map(s -> new String(FieldPattern.normalize(s, 0, s.length())))
                    .collect(Collectors.joining("."));
        }
    }

    /** Names of every detector, for messages. */
    static String detectorNames() {
        return Arrays.stream(DETECTORS).map(Detector::ruleName).collect(Collectors.joining(", "));
    }
}
