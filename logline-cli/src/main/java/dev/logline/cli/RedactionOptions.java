package dev.logline.cli;

import dev.logline.core.crypto.SecretSource;
import dev.logline.core.redact.RedactionPolicy;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The redaction options of {@code logline server} (what ingest removes before storing) and {@code logline ship}
 * (what is removed before a line leaves the machine): a mode, rules in the rule syntax, and the key of the
 * {@code hash} action. See docs/SECURITY.md ("Redaction").
 */
public final class RedactionOptions {

    @Option(names = "--redaction", paramLabel = "on|custom|off", defaultValue = "${env:LOGLINE_REDACTION:-on}",
            description = "on: the built-in rules (cards, JWTs, credentials, key shapes, password/token/… fields) "
                    + "and those of --redact; custom: only --redact; off: nothing is redacted "
                    + "(env LOGLINE_REDACTION; default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--redact", paramLabel = "RULE",
            description = "A redaction rule (repeatable; several may be separated by ';'): 'field <pattern> "
                    + "[mask|partial|hash|drop|off]', 'detect <card|jwt|credential|cloud_key|private_key|email|iban|"
                    + "ipv4|ipv6> [action|off]', 'regex <name> /<regex>/ [action]'.")
    List<String> rules = new ArrayList<>();

    @Option(names = "--redaction-key", paramLabel = "SPEC", defaultValue = "${env:LOGLINE_REDACTION_KEY}",
            description = "Secret key of the hash action (HMAC-SHA256): env:NAME, file:PATH or the key itself, "
                    + "at least 16 bytes (env LOGLINE_REDACTION_KEY).")
    String key;

    /**
     * The policy the options describe.
     *
     * @throws IllegalArgumentException naming the bad mode, rule or key, for a usage error
     */
    RedactionPolicy policy() {
        RedactionPolicy.Builder b = RedactionPolicy.forMode(mode);
        if (b == null) {
            return RedactionPolicy.none();
        }
        for (String rule : rules) {
            b.rules(rule);
        }
        if (key != null && !key.isBlank()) {
            b.hashKey(SecretSource.read(key, "--redaction-key").getBytes(StandardCharsets.UTF_8));
        }
        return b.build();
    }

    /** One line for start-up output. */
    static String describe(RedactionPolicy policy) {
        if (!policy.active()) {
            return "off (--redaction on redacts cards, tokens, keys and credentials)";
        }
        long rules = policy.describe().lines().count();
        return rules + " rules (built-in and --redact); secrets are removed before events are stored";
    }
}
