package dev.logline.server.auth;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.logging.RequestLogProperty;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.server.http.GrpcStatusResponse;
import dev.logline.server.http.JsonResponse;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Objects;

/**
 * Checks the API key of every request before any service sees it (see {@link RouteRoles} for what each route
 * needs) and attaches the key's {@link Caller}, whose tenant every endpoint then uses. A missing, malformed,
 * unknown or revoked key answers 401 with a {@code WWW-Authenticate} challenge; a key whose role is not enough
 * answers 403; gRPC calls get the same verdicts as gRPC statuses (UNAUTHENTICATED, PERMISSION_DENIED). Query and
 * admin calls, and every refused request, go to the audit log.
 *
 * <p>Keys may expire (refused after their expiry like a revoked key); an org-wide admin key (tenant {@code *})
 * acts for the tenant a request names in {@code X-Logline-Tenant} ({@code default} otherwise). An address that
 * presents a burst of bad keys is answered 429 for a while ({@link FailedAuthLimiter}). Each accepted key's last use
 * is recorded ({@link KeyUsage}).
 *
 * <p>Auth is on when the key file holds any key (revoked ones count, so revoking the last key does not open the
 * server). Without keys a loopback server serves everyone, and any other address is refused at start
 * ({@link #checkCanStart}) unless auth is disabled outright.
 */
public final class ApiKeyAuthorizer implements DecoratingHttpServiceFunction {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuthorizer.class);
    private static final String CHALLENGE = "Bearer realm=\"logline\", ApiKey realm=\"logline\"";
    private static final String HOW_TO_SEND = "send it as 'Authorization: Bearer <key>' (or ApiKey, Basic with the "
            + "key as password, X-API-Key; ?api_key= on GET)";
    private static final int GRPC_UNAUTHENTICATED = 16;
    private static final int GRPC_PERMISSION_DENIED = 7;
    private static final int GRPC_RESOURCE_EXHAUSTED = 8;
    /** The header an org-wide admin names the tenant of a request with. */
    public static final String TENANT_HEADER = "x-logline-tenant";

    /**
     * The parameters a query endpoint read from a POST body, as a query string without secrets; the audit line
     * records them in place of the (empty) URL query.
     */
    public static final AttributeKey<String> BODY_PARAMETERS =
            AttributeKey.valueOf(ApiKeyAuthorizer.class, "BODY_PARAMETERS");

    private final KeyRing keys;
    private final KeyUsage usage;
    private final FailedAuthLimiter limiter;
    private final AuditLog audit;
    private final boolean disabled;
    private final boolean loopback;
    private final String bindAddress;

    private ApiKeyAuthorizer(KeyRing keys, AuditLog audit, boolean disabled, String bindAddress) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.usage = keys.file() == null ? null : KeyUsage.beside(keys.file());
        this.limiter = FailedAuthLimiter.defaults();
        this.audit = audit;
        this.disabled = disabled;
        this.bindAddress = bindAddress;
        this.loopback = isLoopback(bindAddress);
    }

    /**
     * The authorizer for a server bound to {@code bindAddress}.
     *
     * @throws KeyFileException when the key file exists but cannot be read
     */
    public static ApiKeyAuthorizer create(AuthSettings settings, String bindAddress) {
        KeyRing ring = settings.keyFile() == null ? KeyRing.none() : KeyRing.watching(KeyFile.at(settings.keyFile()));
        AuditLog audit = settings.auditLog() == null ? null : AuditLog.at(settings.auditLog(), settings.auditMaxBytes());
        return new ApiKeyAuthorizer(ring, audit, settings.disabled(), bindAddress);
    }

    /** Writes the keys' last-use times now (the server calls it when it stops). */
    public void flushUsage() {
        if (usage != null) {
            usage.write();
        }
    }

    /** The keys checked. */
    public KeyRing keys() {
        return keys;
    }

    /** Whether requests are checked now: keys exist and auth is not disabled. */
    public boolean enforcing() {
        return !disabled && keys.hasKeys();
    }

    /**
     * Refuses a start that would expose the server without keys.
     *
     * @throws UnprotectedBindException on a non-loopback address with no keys and auth not disabled
     */
    public void checkCanStart() {
        if (disabled) {
            if (keys.hasKeys()) {
                LOG.warn("auth is disabled (--no-auth): the {} API keys in {} are ignored and every request is served",
                        keys.activeKeys(), keys.file().path());
            } else if (!loopback) {
                LOG.warn("auth is disabled (--no-auth) on {}: anyone who can reach this address can read and write logs",
                        bindAddress);
            }
            return;
        }
        if (!loopback && !keys.hasKeys()) {
            String where = keys.file() == null ? "this server has no key file" : "there are no API keys in " + keys.file().path();
            String data = keys.file() == null ? "DIR" : keys.file().path().toAbsolutePath().getParent().toString();
            throw new UnprotectedBindException("refusing to listen on " + bindAddress + " without authentication: "
                    + where + ". Create one with `logline keys create --data " + data
                    + " --role admin --tenant default`, bind to 127.0.0.1, or pass --no-auth (env LOGLINE_NO_AUTH=true) "
                    + "if something in front of Logline already checks who may connect.");
        }
    }

    @Override
    public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
        RequestHeaders headers = req.headers();
        Role needed = RouteRoles.required(headers, ctx.path());
        if (needed == null) {
            return delegate.serve(ctx, req);
        }
        if (disabled || (!keys.hasKeys() && loopback)) {
            auditAfter(ctx, needed, "anonymous", null, null);
            return delegate.serve(ctx, req);
        }
        if (!keys.hasKeys()) {
            // Keys were deleted while a non-loopback server runs: stay closed rather than open up.
            return refuse(ctx, headers, HttpStatus.UNAUTHORIZED, "this server has no API keys; create one with "
                    + "`logline keys create --data DIR --role read --tenant T`");
        }
        String presented = PresentedKey.of(headers, ctx.queryParams());
        if (presented == null) {
            return refuse(ctx, headers, HttpStatus.UNAUTHORIZED, "an API key is required for " + ctx.path() + "; "
                    + HOW_TO_SEND);
        }
        String remote = ctx.clientAddress() == null ? "?" : ctx.clientAddress().getHostAddress();
        long wait = limiter.waitSeconds(remote);
        if (wait > 0) {
            return slowDown(ctx, headers, wait);
        }
        ApiKeyToken token = ApiKeyToken.parse(presented).orElse(null);
        if (token == null) {
            limiter.failed(remote);
            return refuse(ctx, headers, HttpStatus.UNAUTHORIZED, "the API key is malformed: Logline keys look like "
                    + "ll_<12 hex digits>_<43 characters>, as `logline keys create` printed it; " + HOW_TO_SEND);
        }
        StoredKey key = keys.find(token);
        if (key == null) {
            limiter.failed(remote);
            return refuse(ctx, headers, HttpStatus.UNAUTHORIZED, "unknown API key " + token
                    + "; check it was copied whole, or create one with `logline keys create`");
        }
        if (key.revoked()) {
            limiter.failed(remote);
            return refuse(ctx, headers, HttpStatus.UNAUTHORIZED, "API key " + key.id() + " was revoked at "
                    + key.revokedAt() + "; ask for a new one");
        }
        if (key.expired(Instant.now())) {
            limiter.failed(remote);
            return refuse(ctx, headers, HttpStatus.UNAUTHORIZED, "API key " + key.id() + " expired at "
                    + key.expiresAt() + "; ask for a new one (`logline keys create --expires 90d`)");
        }
        String tenant = key.tenant();
        if (key.orgWide()) {
            String named = headers.get(TENANT_HEADER);
            tenant = named == null || named.isBlank() ? "default" : named.trim();
            if (!KeyFile.isTenantName(tenant)) {
                return JsonResponse.error(HttpStatus.BAD_REQUEST, "the " + TENANT_HEADER + " header names no valid "
                        + "tenant: use 1-64 letters, digits, '_', '.' or '-'");
            }
        }
        Caller caller = new Caller(key.id(), key.role(), tenant, key.orgWide());
        caller.attachTo(ctx);
        if (usage != null) {
            usage.used(key.id());
        }
        if (!key.role().permits(needed)) {
            return refuse(ctx, headers, HttpStatus.FORBIDDEN, "API key " + key.id() + " has the " + key.role().text()
                    + " role; " + headers.method() + " " + ctx.path() + " needs " + needed.text()
                    + " (or admin)");
        }
        auditAfter(ctx, needed, key.id(), key.role().text(), tenant);
        return delegate.serve(ctx, req);
    }

    /** 429 for an address that presented too many bad keys, before its key is looked at. */
    private HttpResponse slowDown(ServiceRequestContext ctx, RequestHeaders headers, long waitSeconds) {
        auditAfter(ctx, null, "-", null, null);
        String message = "too many bad API keys from this address; try again in " + waitSeconds + " s";
        if (isGrpc(headers)) {
            return GrpcStatusResponse.of(GRPC_RESOURCE_EXHAUSTED, message, null);
        }
        return JsonResponse.of(ResponseHeaders.builder(HttpStatus.TOO_MANY_REQUESTS).contentType(MediaType.JSON_UTF_8)
                .add(HttpHeaderNames.RETRY_AFTER, Long.toString(waitSeconds)).build(), g -> {
                    g.writeStartObject();
                    g.writeStringField("error", message);
                    g.writeEndObject();
                });
    }

    private static boolean isGrpc(RequestHeaders headers) {
        return headers.contentType() != null && headers.contentType().is(MediaType.ANY_APPLICATION_TYPE)
                && headers.contentType().subtype().startsWith("grpc");
    }

    private HttpResponse refuse(ServiceRequestContext ctx, RequestHeaders headers, HttpStatus status, String message) {
        Caller caller = Caller.of(ctx);
        auditAfter(ctx, null, caller == null ? "-" : caller.keyId(), caller == null ? null : caller.role().text(),
                caller == null ? null : caller.tenant());
        if (isGrpc(headers)) {
            int code = status == HttpStatus.FORBIDDEN ? GRPC_PERMISSION_DENIED : GRPC_UNAUTHENTICATED;
            return GrpcStatusResponse.of(code, message, null);
        }
        var response = ResponseHeaders.builder(status).contentType(MediaType.JSON_UTF_8);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.add(HttpHeaderNames.WWW_AUTHENTICATE, CHALLENGE);
        }
        return JsonResponse.of(response.build(), g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        });
    }

    /**
     * Records the request once its status is known: query and admin calls always, ingest calls only when refused
     * (a successful ingest is the bulk of all traffic and says nothing an auditor needs).
     */
    private void auditAfter(ServiceRequestContext ctx, Role needed, String who, String role, String tenant) {
        if (audit == null || needed == Role.INGEST) {
            return;
        }
        Instant now = Instant.now();
        String method = ctx.method().name();
        String path = ctx.path();
        QueryParams params = ctx.queryParams();
        String query = params.contains(PresentedKey.QUERY_PARAM)
                ? params.toBuilder().removeAndThen(PresentedKey.QUERY_PARAM).build().toQueryString()
                : ctx.query();
        InetAddress client = ctx.clientAddress();
        String remote = client == null ? null : client.getHostAddress();
        // The append is file I/O (a stat, an open, a write): run it on the blocking pool, never on the event loop
        // that completes the response.
        ctx.log().whenAvailable(RequestLogProperty.RESPONSE_HEADERS).thenAcceptAsync(log -> {
            // A query sent as a POST body is recorded like the same query in a URL.
            String body = ctx.attr(BODY_PARAMETERS);
            audit.append(new AuditEntry(now, who, role, tenant, method, path, body != null ? body : query,
                    log.responseHeaders().status().code(), remote));
        }, ctx.blockingTaskExecutor());
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
