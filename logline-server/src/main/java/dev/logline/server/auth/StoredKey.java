package dev.logline.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One API key as the key file holds it: never the secret, only its SHA-256 (enough for 256 random bits; a slow
 * password hash would add nothing but latency to every request).
 *
 * @param id         the public id from the token
 * @param name       a label for people ("billing shippers"); may be empty
 * @param role       what the key may do
 * @param tenant     whose events the key writes and reads
 * @param created    when the key was made
 * @param revokedAt  when it was revoked, or {@code null} while it is active
 * @param secretHash lower-case hex SHA-256 of the secret's UTF-8 bytes
 */
public record StoredKey(String id, String name, Role role, String tenant, Instant created, Instant revokedAt,
                        String secretHash) {

    public StoredKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(secretHash, "secretHash");
        name = name == null ? "" : name;
    }

    /** The stored form of a freshly issued token. */
    static StoredKey issue(ApiKeyToken token, String name, Role role, String tenant, Instant now) {
        return new StoredKey(token.id(), name, role, tenant, now, null, hash(token.secret()));
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    StoredKey revoke(Instant when) {
        return revoked() ? this : new StoredKey(id, name, role, tenant, created, when, secretHash);
    }

    /** Whether {@code secret} is this key's secret, compared in constant time so timing tells an attacker nothing. */
    boolean matches(String secret) {
        byte[] presented = HexFormat.of().formatHex(sha256(secret)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(presented, secretHash.getBytes(StandardCharsets.US_ASCII));
    }

    static String hash(String secret) {
        return HexFormat.of().formatHex(sha256(secret));
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
