package dev.logline.server.auth;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
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
 * @param tenant     whose events the key writes and reads; {@link #ORG_WIDE} for an admin of every tenant
 * @param created    when the key was made
 * @param revokedAt  when it was revoked, or {@code null} while it is active
 * @param secretHash lower-case hex SHA-256 of the secret's UTF-8 bytes
 * @param expiresAt  when it stops being accepted, or {@code null} for never
 */
public record StoredKey(String id, String name, Role role, String tenant, Instant created, Instant revokedAt,
                        String secretHash, Instant expiresAt) {

    /**
     * The tenant of an org-wide admin key: it manages the keys of every tenant and acts for the tenant a request
     * names in {@code X-Logline-Tenant} (else {@code default}).
     */
    public static final String ORG_WIDE = "*";

    public StoredKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(secretHash, "secretHash");
        name = name == null ? "" : name;
    }

    /** The stored form of a freshly issued token. */
    static StoredKey issue(ApiKeyToken token, String name, Role role, String tenant, Instant now, Instant expiresAt) {
        return new StoredKey(token.id(), name, role, tenant, now, null, hash(token.secret()), expiresAt);
    }

    /**
     * Writes the fields that describe the key to people and files (id, name, role, tenant, created, revoked,
     * revoked_at when revoked) into the object {@code g} is in; never the hash.
     */
    public void writeDescription(JsonGenerator g) throws IOException {
        g.writeStringField("id", id);
        g.writeStringField("name", name);
        g.writeStringField("role", role.text());
        g.writeStringField("tenant", tenant);
        g.writeStringField("created", created.toString());
        g.writeBooleanField("revoked", revoked());
        if (revoked()) {
            g.writeStringField("revoked_at", revokedAt.toString());
        }
    }

    /**
     * Writes the key as {@code keys list --json} and {@code GET /api/v1/keys} show it: its description, then
     * expires, expired and last_used (null when unknown).
     */
    public void writeListing(JsonGenerator g, Instant lastUsed, Instant now) throws IOException {
        g.writeStartObject();
        writeDescription(g);
        g.writeStringField("expires", expiresAt == null ? null : expiresAt.toString());
        g.writeBooleanField("expired", expired(now));
        g.writeStringField("last_used", lastUsed == null ? null : lastUsed.toString());
        g.writeEndObject();
    }

    /** Whether the key is past its expiry at {@code now}. */
    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Whether this is an admin key of every tenant. */
    public boolean orgWide() {
        return ORG_WIDE.equals(tenant);
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    StoredKey revoke(Instant when) {
        return revoked() ? this : new StoredKey(id, name, role, tenant, created, when, secretHash, expiresAt);
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
