package dev.logline.server.auth;

import java.time.Instant;

/**
 * One line of the audit log: who did what, for which tenant, when, and how it ended. Never holds a key.
 *
 * @param ts     when
 * @param who    the key id, {@code anonymous} on a server without keys, or {@code cli:<user>} for local commands
 * @param role   the key's role, or {@code null}
 * @param tenant the tenant acted for, or {@code null} when unknown (a refused request)
 * @param method the HTTP method, or {@code CLI}
 * @param path   the path, or the command ({@code keys create})
 * @param query  the query string without any {@code api_key}, or the command's arguments; may be empty
 * @param status the HTTP status, or the command's exit code
 * @param remote the client's address, or {@code local}
 */
public record AuditEntry(Instant ts, String who, String role, String tenant, String method, String path,
                         String query, int status, String remote) {
}
