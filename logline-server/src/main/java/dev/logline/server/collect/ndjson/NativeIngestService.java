package dev.logline.server.collect.ndjson;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.core.LogEvent;
import dev.logline.server.TenantResolver;
import dev.logline.server.collect.BatchReport;
import dev.logline.server.collect.HttpIngestExchange;
import dev.logline.server.collect.HttpIngestProtocol;
import dev.logline.server.http.JsonResponse;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.EventSink;
import dev.logline.server.ingest.IngestOutcome;

import java.time.Instant;

/**
 * {@code POST /api/v1/ingest}: NDJSON or a JSON array, optionally compressed (any {@link
 * dev.logline.server.ingest.BodyDecompressor} encoding), answered with
 * {@code {"accepted": N, "truncated": [...], "rejected": [{"line": 3, "error": "…"}]}} once the accepted events are
 * durable. 200 when anything was accepted (or the body held no events), 400 when every item was rejected.
 */
public final class NativeIngestService implements HttpService {

    /** The collector name in metrics. */
    public static final String COLLECTOR = "native";

    private static final HttpIngestProtocol PROTOCOL = new HttpIngestProtocol() {
        @Override
        public DecodedBatch decode(RequestHeaders headers, byte[] body) {
            return NdjsonDecoder.decode(body, LogEvent.toMicros(Instant.now()));
        }

        @Override
        public HttpResponse answer(DecodedBatch batch, IngestOutcome outcome, long startNanos) {
            HttpStatus status = outcome.accepted() == 0 && !outcome.rejected().isEmpty()
                    ? HttpStatus.BAD_REQUEST : HttpStatus.OK;
            return JsonResponse.of(status, BatchReport.of(outcome));
        }

        @Override
        public HttpResponse failure(Throwable cause) {
            return JsonResponse.failure(cause);
        }
    };

    private final EventSink sink;
    private final TenantResolver tenantOf;

    public NativeIngestService(EventSink sink, TenantResolver tenantOf) {
        this.sink = sink;
        this.tenantOf = tenantOf;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        return HttpIngestExchange.serve(ctx, req, sink, COLLECTOR, tenantOf.tenantOf(ctx), PROTOCOL);
    }
}
