package dev.logline.server.api;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A read endpoint: runs on the blocking executor (store reads touch the disk), reads its query parameters and
 * answers JSON; failures become the answers {@link ApiErrors} gives them.
 */
abstract class ApiEndpoint implements HttpService {

    protected final ApiBackend backend;

    ApiEndpoint(ApiBackend backend) {
        this.backend = backend;
    }

    @Override
    public final HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        String tenant = backend.tenants().tenantOf(ctx);
        QueryParams params = ctx.queryParams();
        CompletableFuture<HttpResponse> answer = CompletableFuture.supplyAsync(
                () -> handle(ctx, tenant, params), ctx.blockingTaskExecutor());
        return HttpResponse.of(answer.exceptionally(ApiErrors::toResponse));
    }

    abstract HttpResponse handle(ServiceRequestContext ctx, String tenant, QueryParams params);

    TimeRange range(QueryParams params, Duration defaultSpan) {
        return TimeRange.of(params.get("from"), params.get("to"), params.get("last"), Instant.now(), defaultSpan);
    }

    static int intParam(QueryParams params, String name, int defaultValue, int min, int max) {
        String v = params.get(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min) {
                throw new IllegalArgumentException("parameter '" + name + "' must be at least " + min + ", was " + n);
            }
            return Math.min(n, max);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "': '" + v + "' is not a whole number");
        }
    }

    static String lql(QueryParams params) {
        String q = params.get("q");
        return q == null || q.isBlank() ? "*" : q;
    }
}
