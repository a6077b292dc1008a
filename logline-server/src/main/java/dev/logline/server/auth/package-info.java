/**
 * API keys, roles, tenants and the audit log. {@link dev.logline.server.auth.KeyFile} keeps the keys of a data
 * directory (hashes only), {@link dev.logline.server.auth.KeyRing} follows it while the server runs,
 * {@link dev.logline.server.auth.ApiKeyAuthorizer} checks every request against it (what each route needs:
 * {@link dev.logline.server.auth.RouteRoles}; where the key is: {@link dev.logline.server.auth.PresentedKey}) and
 * attaches the {@link dev.logline.server.auth.Caller}, and {@link dev.logline.server.auth.AuditLog} records query and
 * admin calls. See {@code docs/AUTH.md}.
 */
package dev.logline.server.auth;
