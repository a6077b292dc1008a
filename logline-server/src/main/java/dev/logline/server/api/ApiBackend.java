package dev.logline.server.api;

import dev.logline.server.ServerConfig;
import dev.logline.server.TenantResolver;
import dev.logline.store.LogStore;

/** What every query endpoint reads from: the store, the server's settings and who the caller is. */
public record ApiBackend(LogStore store, ServerConfig config, TenantResolver tenants) {
}
