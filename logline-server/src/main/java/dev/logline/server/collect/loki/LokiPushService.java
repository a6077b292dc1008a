package dev.logline.server.collect.loki;

import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.core.LogEventJson;
import dev.logline.server.collect.BodyDecoding;
import dev.logline.server.collect.SinkFailure;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.EventSink;
import dev.logline.server.ingest.Rejection;
import dev.logline.store.BackpressureException;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Loki's push endpoint ({@code POST /loki/api/v1/push}), so Promtail, Grafana Alloy, the Docker Loki driver
 * and pino-loki ship to Logline unchanged.
 *
 * <p>Answers 204 once the sink reports the events durable; 400 with the rejected entries when some entries
 * were bad (the good ones are stored, as Loki itself does); 429 with {@code Retry-After} under backpressure.
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

    /**
     * A service taking the tenant from {@code X-Scope-OrgID} and bounding bodies at
     * {@link BodyDecoding#DEFAULT_MAX_DECODED_BYTES}.
     */
    public LokiPushService(EventSink sink) {
        this(sink, LokiPushService::orgIdTenant, BodyDecoding.DEFAULT_MAX_DECODED_BYTES);
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
        return HttpResponse.of(req.aggregate().thenCompose(agg -> handle(tenant, agg)));
    }

    private CompletableFuture<HttpResponse> handle(String tenant, AggregatedHttpRequest req) {
        DecodedBatch batch;
        try {
            batch = decode(req);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(
                    HttpResponse.of(HttpStatus.BAD_REQUEST, MediaType.PLAIN_TEXT_UTF_8, e.getMessage()));
        }
        if (batch.events().isEmpty()) {
            return CompletableFuture.completedFuture(reply(batch));
        }
        return SinkFailure.acceptSafely(sink, tenant, COLLECTOR, batch.events())
                .handle((ok, failure) -> failure == null ? reply(batch) : failed(failure));
    }

    private DecodedBatch decode(AggregatedHttpRequest req) {
        MediaType type = req.contentType();
        byte[] raw = req.content().array();
        String encoding = req.headers().get(HttpHeaderNames.CONTENT_ENCODING);
        if (type != null && (type.is(MediaType.PROTOBUF) || "x-protobuf".equals(type.subtype()))) {
            byte[] body = BodyDecoding.decode(encoding, raw, maxDecodedBytes);
            // Promtail snappy-compresses the protobuf body without saying so in Content-Encoding.
            if (encoding == null || !encoding.toLowerCase(Locale.ROOT).contains("snappy")) {
                body = BodyDecoding.unsnappy(body, maxDecodedBytes);
            }
            return LokiPushDecoder.decodeProtobuf(body);
        }
        if (type == null || type.is(MediaType.ANY_APPLICATION_TYPE) && type.subtype().contains("json")) {
            return LokiPushDecoder.decodeJson(BodyDecoding.decode(encoding, raw, maxDecodedBytes));
        }
        throw new IllegalArgumentException("unsupported Content-Type " + type
                + ": send application/json or snappy-compressed application/x-protobuf");
    }

    private static HttpResponse reply(DecodedBatch batch) {
        if (batch.rejected().isEmpty()) {
            return HttpResponse.of(HttpStatus.NO_CONTENT);
        }
        return HttpResponse.of(HttpStatus.BAD_REQUEST, MediaType.JSON_UTF_8, rejectionJson(batch));
    }

    private static HttpResponse failed(Throwable failure) {
        BackpressureException busy = SinkFailure.backpressure(failure);
        if (busy != null) {
            return HttpResponse.builder()
                    .status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaderNames.RETRY_AFTER, SinkFailure.retryAfterSeconds(busy))
                    .content(MediaType.PLAIN_TEXT_UTF_8, "server is behind, retry later: " + busy.getMessage())
                    .build();
        }
        return HttpResponse.of(HttpStatus.SERVICE_UNAVAILABLE, MediaType.PLAIN_TEXT_UTF_8,
                "events were not stored: " + SinkFailure.unwrap(failure).getMessage());
    }

    /** The native ingest answer's shape, so every Logline collector reports rejections alike. */
    static String rejectionJson(DecodedBatch batch) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = LogEventJson.FACTORY.createGenerator(out)) {
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
