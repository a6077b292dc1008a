package dev.logline.server.api;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.query.LqlParser;
import dev.logline.query.Query;
import dev.logline.server.auth.ApiKeyAuthorizer;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/v1/tail?q=} (or {@code POST} with {@code {"q": …}} for a long filter): Server-Sent Events of
 * the tenant's events matching the filter, pushed as they become searchable. The stream opens with an {@code event: ready} once the subscription is live, carries
 * {@code event: log} (data: the event JSON, id: its {@code _id}), {@code event: dropped} when the client falls
 * behind, and a comment every 15 s to keep proxies from closing it. Pipes are refused: a tail is a filter.
 */
final class TailEndpoint implements HttpService {

    private static final long HEARTBEAT_SECONDS = 15;
    private static final Set<HttpMethod> ALLOWED = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST);

    private final ApiBackend backend;

    TailEndpoint(ApiBackend backend) {
        this.backend = backend;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        HttpMethod method = req.method();
        if (!ALLOWED.contains(method)) {
            return ApiErrors.methodNotAllowed(method, ctx.path(), ALLOWED);
        }
        if (method == HttpMethod.POST) {
            CompletableFuture<HttpResponse> answer = req.aggregate()
                    .thenApplyAsync(body -> {
                        ApiParams params = ApiParams.ofJsonBody(body.content().array(), List.of("q"));
                        ctx.setAttr(ApiKeyAuthorizer.BODY_PARAMETERS, params.describeForAudit());
                        return parse(params);
                    }, ctx.blockingTaskExecutor())
                    .thenApplyAsync(query -> stream(ctx, query), ctx.eventLoop());
            return HttpResponse.of(answer.exceptionally(ApiErrors::toResponse));
        }
        Query query;
        try {
            query = parse(ApiParams.of(ctx.queryParams()));
        } catch (RuntimeException e) {
            return ApiErrors.toResponse(e);
        }
        return stream(ctx, query);
    }

    private Query parse(ApiParams params) {
        Query query = LqlParser.parse(ApiEndpoint.lql(params));
        backend.config().queryLimits().checkTerms(query);
        if (!query.pipes().isEmpty()) {
            throw new IllegalArgumentException("tail takes a filter only; remove the '|' pipes");
        }
        return query;
    }

    /** Opens the stream; runs on the event loop. */
    private HttpResponse stream(ServiceRequestContext ctx, Query query) {
        String tenant = backend.tenants().tenantOf(ctx);
        ctx.clearRequestTimeout();
        HttpResponseWriter out = HttpResponse.streaming();
        out.write(ResponseHeaders.builder(HttpStatus.OK)
                .contentType(MediaType.EVENT_STREAM)
                .add("cache-control", "no-cache")
                .add("x-accel-buffering", "no")
                .build());
        TailSession session = new TailSession(out, query.filter(), backend.config().tailBufferEvents(), ctx.eventLoop(),
                ctx.blockingTaskExecutor());
        AutoCloseable subscription;
        try {
            subscription = backend.store().subscribe(tenant, session::offer);
        } catch (RuntimeException e) {
            out.close(e);
            return out;
        }
        // serve() runs on the event loop, so this is written before any drain a store thread may have queued.
        out.tryWrite(com.linecorp.armeria.common.HttpData.ofUtf8(
                "event: ready\ndata: {\"tenant\":\"" + tenant.replace("\"", "") + "\"}\n\n"));
        ScheduledFuture<?> heartbeat = ctx.eventLoop().scheduleAtFixedRate(
                () -> session.send(": keep-alive\n\n"), HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        out.whenComplete().handle((ok, failure) -> {
            heartbeat.cancel(false);
            session.close();
            try {
                subscription.close();
            } catch (Exception ignored) {
                // The client is gone either way; a failing unsubscribe only means the store already dropped us.
            }
            return null;
        });
        return out;
    }
}
