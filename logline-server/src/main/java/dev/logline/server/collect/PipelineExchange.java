package dev.logline.server.collect;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.server.http.JsonResponse;
import dev.logline.server.ingest.BodyDecompressor;
import dev.logline.server.ingest.IngestPipeline;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The request plumbing of the collectors that store through the {@link IngestPipeline}: read the whole body off
 * the event loop, count it, undo its {@code Content-Encoding} within the request cap, and answer any failure
 * (counting backpressure as a throttle) in the collector's own error shape.
 */
public final class PipelineExchange {

    /** The collector's own part: what it makes of a decoded body. */
    @FunctionalInterface
    public interface BodyHandler {
        /**
         * @param body       the decoded body
         * @param startNanos {@link System#nanoTime()} when the request arrived, for the latency metric
         */
        CompletableFuture<HttpResponse> handle(byte[] body, long startNanos);
    }

    private PipelineExchange() {
    }

    /**
     * Serves one request.
     *
     * @param failure renders any failure (unreadable body, too large, backpressure, store down) for the sender
     */
    public static HttpResponse serve(ServiceRequestContext ctx, HttpRequest req, IngestPipeline pipeline,
                                     String collector, BodyHandler handler, Function<Throwable, HttpResponse> failure) {
        long start = System.nanoTime();
        // Decoding and the durable write block, so they run on the blocking executor, never the event loop.
        CompletableFuture<HttpResponse> response = req.aggregate().thenComposeAsync(agg -> {
            byte[] raw = agg.content().array();
            pipeline.metrics().request(collector, raw.length);
            byte[] body = BodyDecompressor.decode(agg.headers().get(HttpHeaderNames.CONTENT_ENCODING), raw,
                    pipeline.limits().maxRequestBytes());
            return handler.handle(body, start);
        }, ctx.blockingTaskExecutor());
        return HttpResponse.of(response.exceptionally(t -> {
            if (JsonResponse.statusOf(t) == HttpStatus.TOO_MANY_REQUESTS) {
                pipeline.metrics().throttled(collector);
            }
            return failure.apply(t);
        }));
    }
}
