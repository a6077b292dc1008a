package dev.logline.server.http;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;

/**
 * Headers every response carries so a browser cannot be turned against the web UI: a Content-Security-Policy that
 * allows only the UI's own scripts, styles and API calls (inline style attributes, which the UI's charts set, and
 * data: images, its icon, aside) and no framing; no MIME sniffing; no Referer with a query that may hold an LQL
 * search; and, over HTTPS, Strict-Transport-Security.
 */
public final class SecureHeaders implements DecoratingHttpServiceFunction {

    /** The policy of the web UI's pages (and of every other answer, where it costs nothing). */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final boolean https;

    public SecureHeaders(boolean https) {
        this.https = https;
    }

    @Override
    public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
        ctx.mutateAdditionalResponseHeaders(h -> {
            h.set("content-security-policy", CONTENT_SECURITY_POLICY);
            h.set("x-content-type-options", "nosniff");
            h.set("x-frame-options", "DENY");
            h.set("referrer-policy", "no-referrer");
            if (https) {
                h.set("strict-transport-security", "max-age=31536000");
            }
        });
        return delegate.serve(ctx, req);
    }
}
