package dev.logline.server;

import com.linecorp.armeria.server.ServiceRequestContext;

/**
 * Which tenant a request acts for. Until API keys exist every request gets the configured default tenant; the
 * auth layer replaces this with the tenant of the request's key.
 */
@FunctionalInterface
public interface TenantResolver {

    String tenantOf(ServiceRequestContext ctx);

    /** Every request acts for {@code tenant}. */
    static TenantResolver fixed(String tenant) {
        return ctx -> tenant;
    }
}
