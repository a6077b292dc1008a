package dev.logline.server.collect.loki;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.server.collect.BatchReport;
import dev.logline.server.collect.HttpIngestExchange;
import dev.logline.server.collect.HttpIngestProtocol;
import dev.logline.server.http.JsonResponse;
import dev.logline.server.ingest.BadRequestException;
import dev.logline.server.ingest.BodyDecompressor;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.EventSink;
import dev.logline.server.ingest.IngestFailure;
import dev.logline.server.ingest.IngestOutcome;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Loki's push endpoint ({@code POST /loki/api/v1/push}), so Promtail, Grafana Alloy, the Docker Loki driver
 * and pino-loki ship to Logline unchanged.
 *
 * <p>Answers 204 once every entry is durable (entries over the event-size limit are stored truncated, as Loki's
 * {@code max_line_size_truncate} does); 400 with {@code {"accepted", "rejected": [{"line", "error"}]}} when some
 * entries were rejected, the good ones stored, as Loki itself does; 400 in plain text for a body that cannot be read;
 * 413 for a body over the cap; 429 with {@code Retry-After} when the store is behind and 507 when it is full, both
 * before the body is read. The tenant comes from {@code X-Scope-OrgID}, as in a multi-tenant Loki.
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
    private final HttpIngestProtocol protocol = new LokiProtocol();

    /** A service taking the tenant from {@code X-Scope-OrgID}. */
    public LokiPushService(EventSink sink) {
        this(sink, LokiPushService::orgIdTenant);
    }

    /** @param tenantOf the tenant of a request (an auth layer may bind it to the API key instead) */
    public LokiPushService(EventSink sink, Function<ServiceRequestContext, String> tenantOf) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.tenantOf = Objects.requireNonNull(tenantOf, "tenantOf");
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
        return HttpIngestExchange.serve(ctx, req, sink, COLLECTOR, tenantOf.apply(ctx), protocol);
    }

    private static boolean isProtobuf(RequestHeaders headers) {
        MediaType type = headers.contentType();
        return type != null && (type.is(MediaType.PROTOBUF) || "x-protobuf".equals(type.subtype()));
    }

    /** Loki's formats and answers: plain-text errors, the native rejection report when entries were bad. */
    private static final class LokiProtocol implements HttpIngestProtocol {

        @Override
        public byte[] decompress(RequestHeaders headers, byte[] raw, long maxBytes) {
            String encoding = headers.get(HttpHeaderNames.CONTENT_ENCODING);
            byte[] body = BodyDecompressor.decode(encoding, raw, maxBytes);
            // Promtail snappy-compresses the protobuf body without saying so in Content-Encoding.
            if (isProtobuf(headers) && (encoding == null || !encoding.toLowerCase(Locale.ROOT).contains("snappy"))) {
                body = BodyDecompressor.unsnappy(body, maxBytes);
            }
            return body;
        }

        @Override
        public DecodedBatch decode(RequestHeaders headers, byte[] body) {
            if (isProtobuf(headers)) {
                return LokiPushDecoder.decodeProtobuf(body);
            }
            MediaType type = headers.contentType();
            if (type == null || type.is(MediaType.ANY_APPLICATION_TYPE) && type.subtype().contains("json")) {
                return LokiPushDecoder.decodeJson(body);
            }
            throw new BadRequestException("unsupported Content-Type " + type
                    + ": send application/json or snappy-compressed application/x-protobuf");
        }

        @Override
        public HttpResponse answer(DecodedBatch batch, IngestOutcome outcome, long startNanos) {
            if (outcome.rejected().isEmpty()) {
                return HttpResponse.of(HttpStatus.NO_CONTENT);
            }
            return HttpResponse.of(HttpStatus.BAD_REQUEST, MediaType.JSON_UTF_8, JsonResponse.bytes(BatchReport.of(outcome)));
        }

        @Override
        public HttpResponse failure(Throwable cause) {
            return HttpResponse.of(JsonResponse.failureHeaders(cause, MediaType.PLAIN_TEXT_UTF_8),
                    HttpData.of(StandardCharsets.UTF_8, IngestFailure.message(cause)));
        }
    }
}
