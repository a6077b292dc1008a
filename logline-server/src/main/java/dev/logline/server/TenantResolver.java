package dev.logline.server;

import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.server.auth.Caller;

/**
 * Which tenant a request acts for. With API keys on it is always the tenant of the request's key
 * ({@link #keyedOr}); without them, the configured default tenant (or what an embedding application decides).
 */
@FunctionalInterface
public interface TenantResolver {

    String tenantOf(ServiceRequestContext ctx);

    /** Every request acts for {@code tenant}. */
    static TenantResolver fixed(String tenant) {
        return ctx -> tenant;
    }

    /**
     * The tenant of the request's API key when it brought one; {@code otherwise} only for requests served without a
     * key (auth off, or a loopback server with no keys).
     */
    static TenantResolver keyedOr(TenantResolver otherwise) {
        return ctx -> {
            Caller caller = Caller.of(ctx);
            return caller != null ? caller.tenant() : otherwise.tenantOf(ctx);
        };
    }
}
