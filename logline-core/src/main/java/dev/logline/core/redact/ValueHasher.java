package dev.logline.core.redact;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The {@code hash} action: HMAC-SHA256 of a value under the policy's secret key, written {@code hmac:<16 hex>} (the
 * first 64 bits). Equal values hash equally, so events stay correlated; without the key a hash cannot be checked
 * against guesses, which a plain SHA-256 of a 16-digit card number could. Thread-safe: {@link Mac} instances are
 * pooled, never shared.
 */
final class ValueHasher {

    static final String PREFIX = "hmac:";
    private static final int HEX_CHARS = 16;

    private final SecretKeySpec key;
    private final ConcurrentLinkedQueue<Mac> pool = new ConcurrentLinkedQueue<>();

    ValueHasher(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    String hash(String value) {
        Mac mac = pool.poll();
        if (mac == null) {
            mac = newMac();
        }
        try {
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, HEX_CHARS / 2);
        } finally {
            pool.offer(mac);
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
