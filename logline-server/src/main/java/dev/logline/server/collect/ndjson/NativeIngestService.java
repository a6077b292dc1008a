package dev.logline.server.collect.ndjson;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.core.LogEvent;
import dev.logline.server.http.JsonResponse;
import dev.logline.server.collect.BatchReport;
import dev.logline.server.collect.PipelineExchange;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.IngestPipeline;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import dev.logline.server.TenantResolver;

/**
 * {@code POST /api/v1/ingest}: NDJSON or a JSON array, optionally compressed (any {@link
 * dev.logline.server.ingest.BodyDecompressor} encoding), answered with
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
        String tenant = tenantOf.tenantOf(ctx);
        return PipelineExchange.serve(ctx, req, pipeline, COLLECTOR,
                (body, start) -> ingest(body, tenant, start), JsonResponse::failure);
    }

    private CompletableFuture<HttpResponse> ingest(byte[] body, String tenant, long start) {
        NdjsonDecoder decoder = new NdjsonDecoder(pipeline.limits(), (e, bytes) -> pipeline.violation(tenant, e, bytes));
        DecodedBatch batch = decoder.decode(body, LogEvent.toMicros(Instant.now()));
        pipeline.metrics().rejected(COLLECTOR, batch.rejected().size());
        return pipeline.storeChecked(tenant, COLLECTOR, batch.events(), start).thenApply(ok -> {
            HttpStatus status = batch.events().isEmpty() && !batch.rejected().isEmpty()
                    ? HttpStatus.BAD_REQUEST : HttpStatus.OK;
            return JsonResponse.of(status, BatchReport.of(batch));
        });
    }
}
