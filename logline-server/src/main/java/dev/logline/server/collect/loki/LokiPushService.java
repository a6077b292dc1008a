package dev.logline.server.collect.loki;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.server.collect.BatchReport;
import dev.logline.server.collect.SinkProtocol;
import dev.logline.server.http.JsonResponse;
import dev.logline.server.ingest.BodyDecompressor;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.EventSink;
import dev.logline.store.BackpressureException;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Loki's push endpoint ({@code POST /loki/api/v1/push}), so Promtail, Grafana Alloy, the Docker Loki driver
 * and pino-loki ship to Logline unchanged.
 *
 * <p>Answers 204 once the sink reports the events durable; 400 with the rejected entries when some entries
 * were bad (the good ones are stored, as Loki itself does); 413 for a body over the cap once decompressed; 429
 * with {@code Retry-After} under backpressure.
 * The tenant comes from {@code X-Scope-OrgID}, as in a multi-tenant Loki.
 */
public final class LokiPushService implements HttpService {

    /** Where Loki clients send. */
    public static final String PATH = "/loki/api/v1/push";
    /** The path Loki 1.x clients (old Promtail, some Docker drivers) still use; mount the service there too. */
    public static final String LEGACY_PATH = "/api/prom/push";
    /** The tenant used when a request carries no {@code X-Scope-OrgID}. */
    public static final String DEFAULT_TENANT = "default";
    /** The collector name given to the sink. */
    public static final String COLLECTOR = "loki";

    private final EventSink sink;
    private final Function<ServiceRequestContext, String> tenantOf;
    private final int maxDecodedBytes;
    private final SinkProtocol protocol = new LokiProtocol();

    /**
     * A service taking the tenant from {@code X-Scope-OrgID} and bounding bodies at
     * {@link BodyDecompressor#DEFAULT_MAX_DECODED_BYTES}.
     */
    public LokiPushService(EventSink sink) {
        this(sink, LokiPushService::orgIdTenant, BodyDecompressor.DEFAULT_MAX_DECODED_BYTES);
    }

    /**
     * @param tenantOf        the tenant of a request (an auth layer may bind it to the API key instead)
     * @param maxDecodedBytes the largest body accepted once decompressed
     */
    public LokiPushService(EventSink sink, Function<ServiceRequestContext, String> tenantOf, int maxDecodedBytes) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.tenantOf = Objects.requireNonNull(tenantOf, "tenantOf");
        this.maxDecodedBytes = maxDecodedBytes;
    }

    /** The tenant a multi-tenant Loki would use: {@code X-Scope-OrgID}, or {@value #DEFAULT_TENANT}. */
    public static String orgIdTenant(ServiceRequestContext ctx) {
        String tenant = ctx.request().headers().get("x-scope-orgid");
        return tenant == null || tenant.isBlank() ? DEFAULT_TENANT : tenant.trim();
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        if (req.method() != HttpMethod.POST) {
            return HttpResponse.of(HttpStatus.METHOD_NOT_ALLOWED, MediaType.PLAIN_TEXT_UTF_8, "use POST");
        }
        String tenant = tenantOf.apply(ctx);
        return HttpResponse.of(req.aggregate().thenCompose(agg -> protocol.exchange(sink, tenant, COLLECTOR, agg)));
    }

    /** Loki's formats and answers: plain-text errors, the native rejection report when entries were bad. */
    private final class LokiProtocol implements SinkProtocol {

        @Override
        public DecodedBatch decode(AggregatedHttpRequest req) {
            MediaType type = req.contentType();
            byte[] raw = req.content().array();
            String encoding = req.headers().get(HttpHeaderNames.CONTENT_ENCODING);
            if (type != null && (type.is(MediaType.PROTOBUF) || "x-protobuf".equals(type.subtype()))) {
                byte[] body = BodyDecompressor.decode(encoding, raw, maxDecodedBytes);
                // Promtail snappy-compresses the protobuf body without saying so in Content-Encoding.
                if (encoding == null || !encoding.toLowerCase(Locale.ROOT).contains("snappy")) {
                    body = BodyDecompressor.unsnappy(body, maxDecodedBytes);
                }
                return LokiPushDecoder.decodeProtobuf(body);
            }
            if (type == null || type.is(MediaType.ANY_APPLICATION_TYPE) && type.subtype().contains("json")) {
                return LokiPushDecoder.decodeJson(BodyDecompressor.decode(encoding, raw, maxDecodedBytes));
            }
            throw new IllegalArgumentException("unsupported Content-Type " + type
                    + ": send application/json or snappy-compressed application/x-protobuf");
        }

        @Override
        public HttpResponse accepted(DecodedBatch batch) {
            if (batch.rejected().isEmpty()) {
                return HttpResponse.of(HttpStatus.NO_CONTENT);
            }
            return HttpResponse.of(HttpStatus.BAD_REQUEST, MediaType.JSON_UTF_8, JsonResponse.bytes(BatchReport.of(batch)));
        }

        @Override
        public HttpResponse unreadable(IllegalArgumentException why) {
            return HttpResponse.of(JsonResponse.statusOf(why), MediaType.PLAIN_TEXT_UTF_8, why.getMessage());
        }

        @Override
        public HttpResponse busy(BackpressureException why, long retryAfterSeconds) {
            return HttpResponse.builder()
                    .status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds)
                    .content(MediaType.PLAIN_TEXT_UTF_8, "server is behind, retry later: " + why.getMessage())
                    .build();
        }

        @Override
        public HttpResponse notStored(Throwable cause) {
            return HttpResponse.of(HttpStatus.SERVICE_UNAVAILABLE, MediaType.PLAIN_TEXT_UTF_8,
                    "events were not stored: " + cause.getMessage());
        }
    }
}
