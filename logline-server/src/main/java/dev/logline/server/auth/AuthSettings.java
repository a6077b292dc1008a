package dev.logline.server.auth;

import java.nio.file.Path;

/**
 * Where a server finds its API keys and writes its audit log, and whether auth is switched off outright.
 * See {@code docs/AUTH.md} for when auth is on.
 *
 * @param keyFile       the key file, or {@code null} when the server has none (an embedded server without a data
 *                      directory): it then serves on loopback without auth and refuses any other address unless
 *                      {@code disabled}
 * @param auditLog      where admin and query actions are recorded, or {@code null} for nowhere
 * @param auditMaxBytes the audit log's size before it rolls (one older file is kept)
 * @param disabled      {@code --no-auth}: every request is served without a key, for the default tenant, even on a
 *                      non-loopback address and even when keys exist
 */
public record AuthSettings(Path keyFile, Path auditLog, long auditMaxBytes, boolean disabled) {

    public AuthSettings {
        if (auditMaxBytes <= 0) {
            throw new IllegalArgumentException("auditMaxBytes must be positive, was " + auditMaxBytes);
        }
    }

    /** No key file and no audit log: today's embedded server, open on loopback. */
    public static AuthSettings none() {
        return new AuthSettings(null, null, AuditLog.DEFAULT_MAX_BYTES, false);
    }

    /** {@code <data>/keys.json} and {@code <data>/audit.log}. */
    public static AuthSettings inDataDir(Path dataDir) {
        return new AuthSettings(dataDir.resolve(KeyFile.FILE_NAME), dataDir.resolve(AuditLog.FILE_NAME),
                AuditLog.DEFAULT_MAX_BYTES, false);
    }

    public AuthSettings withDisabled(boolean v) {
        return new AuthSettings(keyFile, auditLog, auditMaxBytes, v);
    }

    public AuthSettings withAuditMaxBytes(long v) {
        return new AuthSettings(keyFile, auditLog, v, disabled);
    }
}
