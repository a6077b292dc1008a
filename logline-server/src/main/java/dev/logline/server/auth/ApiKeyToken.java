package dev.logline.server.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key a client presents, {@code ll_<id>_<secret>}: a 12-hex-digit id that finds the stored key and 32 random
 * bytes of secret in base64url (no padding). Only the id and a hash of the secret are ever stored.
 *
 * @param id     the key's public id (what {@code logline keys list} and the audit log show)
 * @param secret the secret part, shown to the user once when the key is made
 */
public record ApiKeyToken(String id, String secret) {

    /** Every token starts with this, so leaked keys are easy to spot (and for secret scanners to match). */
    public static final String PREFIX = "ll_";

    private static final Pattern SHAPE = Pattern.compile("ll_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh key: 6 random bytes of id and 32 of secret. */
    public static ApiKeyToken generate() {
        byte[] id = new byte[6];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        return new ApiKeyToken(HexFormat.of().formatHex(id), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The token text, or empty when {@code text} does not have the shape of one of our keys. */
    public static Optional<ApiKeyToken> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(text.trim());
        return m.matches() ? Optional.of(new ApiKeyToken(m.group(1), m.group(2))) : Optional.empty();
    }

    /** Whether {@code id} has the shape of a key id. */
    public static boolean isId(String id) {
        return id != null && id.matches("[0-9a-f]{12}");
    }

    /** The text the client sends. */
    public String text() {
        return PREFIX + id + "_" + secret;
    }

    /** Keeps the secret out of logs and exception messages. */
    @Override
    public String toString() {
        return PREFIX + id + "_…";
    }
}
