package dev.logline.server.api;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.query.LqlParser;
import dev.logline.query.Query;
import dev.logline.query.exec.QueryBudget;
import dev.logline.query.exec.QueryLimitException;
import dev.logline.query.exec.QueryPlan;
import dev.logline.query.exec.QueryTimeoutException;
import dev.logline.server.auth.ApiKeyAuthorizer;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A read endpoint: answers {@code GET} (parameters in the URL) and, when it names its body parameters,
 * {@code POST} with a JSON object body (for queries too long for a URL); any other method is a 405 with
 * {@code Allow}. Runs on the blocking executor (store reads touch the disk) and answers JSON; failures become the
 * answers {@link ApiErrors} gives them.
 */
abstract class ApiEndpoint implements HttpService {

    /**
     * The largest POST body a query endpoint reads: room for a query at LQL's 65,536-character limit even when
     * JSON escapes every character ({@code \\uXXXX}), with the other parameters.
     */
    static final int MAX_BODY_BYTES = 512 * 1024;

    protected final ApiBackend backend;
    private final List<String> bodyParams;
    private final Set<HttpMethod> allowed;

    /** @param bodyParams the parameters a POST body may carry, or {@code null} when the endpoint is GET-only */
    ApiEndpoint(ApiBackend backend, List<String> bodyParams) {
        this.backend = backend;
        this.bodyParams = bodyParams;
        this.allowed = bodyParams == null ? Set.of(HttpMethod.GET, HttpMethod.HEAD)
                : Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST);
    }

    @Override
    public final HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        HttpMethod method = req.method();
        if (!allowed.contains(method)) {
            return ApiErrors.methodNotAllowed(method, ctx.path(), allowed);
        }
        String tenant = backend.tenants().tenantOf(ctx);
        QueryAdmission.Slot slot;
        try {
            slot = backend.admission().enter(ctx);
        } catch (QueryRefusedException e) {
            return ApiErrors.toResponse(e);
        }
        CompletableFuture<HttpResponse> answer;
        if (method == HttpMethod.POST) {
            answer = req.aggregate().thenApplyAsync(body -> {
                ApiParams params = ApiParams.ofJsonBody(body.content().array(), bodyParams);
                ctx.setAttr(ApiKeyAuthorizer.BODY_PARAMETERS, params.describeForAudit());
                return handle(ctx, tenant, params);
            }, ctx.blockingTaskExecutor());
        } else {
            ApiParams params = ApiParams.of(ctx.queryParams());
            answer = CompletableFuture.supplyAsync(() -> handle(ctx, tenant, params), ctx.blockingTaskExecutor());
        }
        answer.whenComplete((r, e) -> slot.close());
        return HttpResponse.of(answer.exceptionally(ApiErrors::toResponse));
    }

    abstract HttpResponse handle(ServiceRequestContext ctx, String tenant, ApiParams params);

    /**
     * The request's LQL ({@code q}, {@code *} when absent), parsed and held to the server's term limit.
     *
     * @throws dev.logline.query.LqlSyntaxException  when it is not LQL
     * @throws QueryLimitException                   when it has more terms than allowed
     */
    Query query(ApiParams params) {
        Query q = LqlParser.parse(lql(params));
        backend.config().queryLimits().checkTerms(q);
        return q;
    }

    /** The budget of this request's query (time, memory, groups); its clock starts now. */
    QueryBudget budget() {
        return backend.newBudget();
    }

    TimeRange range(ApiParams params, Duration defaultSpan) {
        return TimeRange.of(params.get("from"), params.get("to"), params.get("last"), Instant.now(), defaultSpan);
    }

    /**
     * A store read for a planned query. The query's regular expressions were checked when it was parsed; should a
     * store still refuse one (an engine's own limit), that is the request's fault, so it is a 400 naming the regex.
     */
    static <T> T storeCall(QueryPlan plan, Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException | QueryLimitException | QueryTimeoutException e) {
            throw e;
        } catch (RuntimeException e) {
            String regex = RegexFinder.first(plan.filter());
            if (regex == null) {
                throw e;
            }
            throw new IllegalArgumentException("the store could not run the regular expression " + regex + ": "
                    + e.getMessage() + "; simplify the expression or use a prefix such as field:abc*", e);
        }
    }

    /**
     * A whole-number parameter: below {@code min} is a 400, above {@code max} is read as {@code max} (the most an
     * endpoint gives), any other text is a 400.
     */
    static int intParam(ApiParams params, String name, int defaultValue, int min, int max) {
        String v = params.get(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        String s = v.trim();
        if (s.length() > 100 || !s.matches("[+-]?[0-9]+")) {
            throw new IllegalArgumentException("parameter '" + name + "': '" + shorten(v) + "' is not a whole number");
        }
        BigInteger n = new BigInteger(s);
        if (n.compareTo(BigInteger.valueOf(min)) < 0) {
            throw new IllegalArgumentException("parameter '" + name + "' must be at least " + min + ", was " + s);
        }
        return n.compareTo(BigInteger.valueOf(max)) > 0 ? max : n.intValue();
    }

    static String lql(ApiParams params) {
        String q = params.get("q");
        return q == null || q.isBlank() ? "*" : q;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** A parameter value short enough to quote in an error message. */
    static String shorten(String v) {
        return v.length() <= 60 ? v : v.substring(0, 57) + "…";
    }
}
