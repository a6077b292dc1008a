package dev.logline.server.auth;

import com.linecorp.armeria.server.ServiceRequestContext;
import io.netty.util.AttributeKey;

/**
 * Who a request acts for once its API key checked out; endpoints read it from the request context.
 *
 * @param keyId  the key's public id
 * @param role   the key's role
 * @param tenant the tenant every write and read of the request goes to
 * @param orgWide whether the key is an admin of every tenant (it may manage any tenant's keys)
 */
public record Caller(String keyId, Role role, String tenant, boolean orgWide) {

    private static final AttributeKey<Caller> ATTR = AttributeKey.valueOf(Caller.class, "CALLER");

    /** The request's caller, or {@code null} when the server runs without auth or the route is open. */
    public static Caller of(ServiceRequestContext ctx) {
        return ctx.attr(ATTR);
    }

    void attachTo(ServiceRequestContext ctx) {
        ctx.setAttr(ATTR, this);
    }
}
