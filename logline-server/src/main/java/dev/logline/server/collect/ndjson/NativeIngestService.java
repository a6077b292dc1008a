package dev.logline.server.collect.ndjson;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.core.LogEvent;
import dev.logline.server.http.JsonResponse;
import dev.logline.server.ingest.BodyDecompressor;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.IngestPipeline;
import dev.logline.server.ingest.Rejection;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import dev.logline.server.TenantResolver;

/**
 * {@code POST /api/v1/ingest}: NDJSON or a JSON array, optionally gzip/deflate/zstd, answered with
 * {@code {"accepted": N, "rejected": [{"line": 3, "error": "…"}]}} once the accepted events are durable.
 * 200 when anything was accepted (or the body held no events), 400 when every item was rejected.
 */
public final class NativeIngestService implements HttpService {

    /** The collector name in metrics. */
    public static final String COLLECTOR = "native";

    private final IngestPipeline pipeline;
    private final TenantResolver tenantOf;

    public NativeIngestService(IngestPipeline pipeline, TenantResolver tenantOf) {
        this.pipeline = pipeline;
        this.tenantOf = tenantOf;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        long start = System.nanoTime();
        String tenant = tenantOf.tenantOf(ctx);
        CompletableFuture<HttpResponse> response = req.aggregate().thenComposeAsync(
                agg -> ingest(agg, tenant, start), ctx.blockingTaskExecutor());
        return HttpResponse.of(response.exceptionally(JsonResponse::failure));
    }

    private CompletableFuture<HttpResponse> ingest(AggregatedHttpRequest agg, String tenant, long start) {
        byte[] raw = agg.content().array();
        pipeline.metrics().request(COLLECTOR, raw.length);
        byte[] body = BodyDecompressor.decode(agg.headers().get(HttpHeaderNames.CONTENT_ENCODING), raw,
                pipeline.limits().maxRequestBytes());
        NdjsonDecoder decoder = new NdjsonDecoder(pipeline.limits(), (e, bytes) -> pipeline.violation(tenant, e, bytes));
        DecodedBatch batch = decoder.decode(body, LogEvent.toMicros(Instant.now()));
        pipeline.metrics().rejected(COLLECTOR, batch.rejected().size());
        return pipeline.storeChecked(tenant, COLLECTOR, batch.events(), start).thenApply(ok -> {
            HttpStatus status = batch.events().isEmpty() && !batch.rejected().isEmpty()
                    ? HttpStatus.BAD_REQUEST : HttpStatus.OK;
            return JsonResponse.of(status, g -> {
                g.writeStartObject();
                g.writeNumberField("accepted", batch.events().size());
                g.writeArrayFieldStart("rejected");
                for (Rejection r : batch.rejected()) {
                    g.writeStartObject();
                    g.writeNumberField("line", r.item());
                    g.writeStringField("error", r.error());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            });
        }).exceptionally(failure -> {
            if (JsonResponse.statusOf(failure) == HttpStatus.TOO_MANY_REQUESTS) {
                pipeline.metrics().throttled(COLLECTOR);
            }
            return JsonResponse.failure(failure);
        });
    }
}
