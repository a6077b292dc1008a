package dev.logline.server.auth;

/**
 * A key just made: what was stored and the token to hand to the user, the only time the token exists in full.
 *
 * @param key   the stored record (id, role, tenant, hash)
 * @param token the key to show once
 */
public record IssuedKey(StoredKey key, ApiKeyToken token) {
}
