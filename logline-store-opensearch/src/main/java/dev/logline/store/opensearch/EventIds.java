package dev.logline.store.opensearch;

import dev.logline.core.LogEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Event ids derived from the event itself: {@code <ts base36>~<hash>}, where the hash is the first 128 bits of the
 * SHA-256 of the tenant and the event's JSON. The same event written twice (a Kafka record delivered again after a
 * rebalance, an HTTP batch retried after a lost answer) gets the same id and is stored once; the time part names
 * the day, so the index holding an id is known without a search. The hash is the OpenSearch {@code _id} and the
 * second sort key, the cursor's tie-breaker.
 *
 * <p>The price: two events equal in every field, down to the microsecond, are one event.
 */
final class EventIds {

    private EventIds() {
    }

    /** The hash part ({@code _id}) for an event's JSON in a tenant. */
    static String hash(String tenant, byte[] json) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(tenant.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            byte[] digest = sha.digest(json);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    static String id(long tsMicros, String hash) {
        return Long.toString(tsMicros, 36) + "~" + hash;
    }

    static String id(LogEvent e, String hash) {
        return id(e.tsMicros(), hash);
    }

    /** A parsed id or cursor: the event's time and its hash. */
    record Position(long tsMicros, String hash) {
    }

    /** The time and hash of an id, or {@code null} when the text is not one of ours. */
    static Position parse(String id) {
        if (id == null) {
            return null;
        }
        int tilde = id.indexOf('~');
        if (tilde <= 0 || id.length() - tilde - 1 != 32) {
            return null;
        }
        String hash = id.substring(tilde + 1);
        for (int i = 0; i < hash.length(); i++) {
            char c = hash.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return null;
            }
        }
        try {
            return new Position(Long.parseLong(id.substring(0, tilde), 36), hash);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
