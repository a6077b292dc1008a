package dev.logline.server.alerts.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.server.TenantResolver;
import dev.logline.server.alerts.AlertEngine;
import dev.logline.server.documents.InvalidDocumentException;
import dev.logline.server.alerts.ProvisionedRuleException;
import dev.logline.server.api.ApiErrors;
import dev.logline.server.auth.Caller;
import dev.logline.server.documents.VersionConflictException;
import dev.logline.server.http.JsonResponse;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * An endpoint of the alerts API: answers the methods it serves on the blocking executor (rules and states are
 * files) and anything else with a 405. A bad rule is a 400 naming the field (and the column, for LQL), a stale
 * version or a provisioned rule a 409, an unknown id a 404; other failures as {@link ApiErrors} maps them.
 */
abstract class AlertEndpoint implements HttpService {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The largest body a rule or silence may have. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    protected final AlertEngine engine;
    private final TenantResolver tenants;
    private final Set<HttpMethod> allowed;

    AlertEndpoint(AlertEngine engine, TenantResolver tenants, Set<HttpMethod> allowed) {
        this.engine = engine;
        this.tenants = tenants;
        this.allowed = allowed;
    }

    /** One request, its tenant and its body (an empty body reads as {@code null}). */
    record Call(ServiceRequestContext ctx, HttpMethod method, String tenant, String owner, JsonNode body) {
        String param(String name) {
            return ctx.pathParam(name);
        }

        String query(String name) {
            return ctx.queryParam(name);
        }
    }

    @Override
    public final HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        HttpMethod method = req.method() == HttpMethod.HEAD ? HttpMethod.GET : req.method();
        if (!allowed.contains(method)) {
            return ApiErrors.methodNotAllowed(req.method(), ctx.path(), allowed);
        }
        String tenant = tenants.tenantOf(ctx);
        Caller caller = Caller.of(ctx);
        String owner = caller == null ? "" : caller.keyId();
        CompletableFuture<HttpResponse> answer = req.aggregate().thenApplyAsync(
                r -> handle(new Call(ctx, method, tenant, owner, body(r.content()))), ctx.blockingTaskExecutor());
        return HttpResponse.of(answer.exceptionally(AlertEndpoint::failure));
    }

    abstract HttpResponse handle(Call call);

    private static JsonNode body(HttpData content) {
        if (content.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(content.array());
        } catch (IOException e) {
            throw new IllegalArgumentException("the request body is not valid JSON: "
                    + String.valueOf(e.getMessage()).split("\n", 2)[0]);
        }
    }

    static HttpResponse json(HttpStatus status, JsonNode body) {
        try {
            return HttpResponse.of(status, MediaType.JSON_UTF_8, JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static JsonNode required(Call call) {
        if (call.body() == null || !call.body().isObject()) {
            throw new IllegalArgumentException("the request body must be a JSON object; see docs/ALERTS.md");
        }
        return call.body();
    }

    private static HttpResponse failure(Throwable failure) {
        Throwable t = JsonResponse.unwrap(failure);
        if (t instanceof InvalidDocumentException e) {
            return e.answer();
        }
        if (t instanceof VersionConflictException || t instanceof ProvisionedRuleException) {
            return JsonResponse.error(HttpStatus.CONFLICT, t.getMessage());
        }
        return ApiErrors.toResponse(t);
    }
}
