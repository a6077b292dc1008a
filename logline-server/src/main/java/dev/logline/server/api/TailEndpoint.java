package dev.logline.server.api;

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

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/v1/tail?q=}: Server-Sent Events of the tenant's events matching the filter, pushed as they become
 * searchable. The stream opens with an {@code event: ready} once the subscription is live, carries
 * {@code event: log} (data: the event JSON, id: its {@code _id}), {@code event: dropped} when the client falls
 * behind, and a comment every 15 s to keep proxies from closing it. Pipes are refused: a tail is a filter.
 */
final class TailEndpoint implements HttpService {

    private static final long HEARTBEAT_SECONDS = 15;

    private final ApiBackend backend;

    TailEndpoint(ApiBackend backend) {
        this.backend = backend;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        Query query;
        try {
            query = LqlParser.parse(ApiEndpoint.lql(ctx.queryParams()));
            if (!query.pipes().isEmpty()) {
                throw new IllegalArgumentException("tail takes a filter only; remove the '|' pipes");
            }
        } catch (RuntimeException e) {
            return ApiErrors.toResponse(e);
        }
        String tenant = backend.tenants().tenantOf(ctx);
        ctx.clearRequestTimeout();
        HttpResponseWriter out = HttpResponse.streaming();
        out.write(ResponseHeaders.builder(HttpStatus.OK)
                .contentType(MediaType.EVENT_STREAM)
                .add("cache-control", "no-cache")
                .add("x-accel-buffering", "no")
                .build());
        TailSession session = new TailSession(out, query.filter(), backend.config().tailBufferEvents(), ctx.eventLoop());
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
