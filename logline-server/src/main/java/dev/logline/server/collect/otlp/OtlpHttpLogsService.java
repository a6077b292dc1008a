package dev.logline.server.collect.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.core.LogEvent;
import dev.logline.server.ingest.BodyDecompressor;
import dev.logline.server.collect.SinkProtocol;
import dev.logline.server.http.JsonResponse;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.EventSink;
import dev.logline.store.BackpressureException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * OTLP/HTTP logs ({@code POST /v1/logs}) in binary protobuf and JSON, so OpenTelemetry SDKs and the
 * Collector's {@code otlphttp} exporter ship to Logline unchanged.
 *
 * <p>Answers in the request's encoding: 200 with an {@code ExportLogsServiceResponse} once the sink reports
 * the events durable (with {@code partial_success} counting rejected records); 400 with a
 * {@code google.rpc.Status} for an undecodable body (413 for one over the cap once decompressed); 415 for other
 * content types; 429 with
 * {@code Retry-After} under backpressure, which OTLP clients retry.
 */
public final class OtlpHttpLogsService implements HttpService {

    /** Where OTLP/HTTP clients send logs. */
    public static final String PATH = "/v1/logs";

    private static final MediaType X_PROTOBUF = MediaType.parse("application/x-protobuf");

    private final EventSink sink;
    private final Function<ServiceRequestContext, String> tenantOf;
    private final int maxDecodedBytes;

    /**
     * @param sink     where decoded events go
     * @param tenantOf the tenant of a request (the lead's auth layer decides; tests use a constant)
     */
    public OtlpHttpLogsService(EventSink sink, Function<ServiceRequestContext, String> tenantOf) {
        this(sink, tenantOf, BodyDecompressor.DEFAULT_MAX_DECODED_BYTES);
    }

    public OtlpHttpLogsService(EventSink sink, Function<ServiceRequestContext, String> tenantOf, int maxDecodedBytes) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.tenantOf = Objects.requireNonNull(tenantOf, "tenantOf");
        this.maxDecodedBytes = maxDecodedBytes;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        if (req.method() != HttpMethod.POST) {
            return HttpResponse.of(HttpStatus.METHOD_NOT_ALLOWED, MediaType.PLAIN_TEXT_UTF_8, "use POST");
        }
        MediaType type = req.contentType();
        SinkProtocol protocol;
        if (type != null && (type.is(MediaType.PROTOBUF) || type.is(X_PROTOBUF))) {
            protocol = new OtlpHttpProtocol(false);
        } else if (type != null && type.is(MediaType.JSON)) {
            protocol = new OtlpHttpProtocol(true);
        } else {
            return HttpResponse.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, MediaType.PLAIN_TEXT_UTF_8,
                    "unsupported Content-Type " + type + ": send application/x-protobuf or application/json");
        }
        String tenant = tenantOf.apply(ctx);
        return HttpResponse.of(req.aggregate().thenCompose(
                agg -> protocol.exchange(sink, tenant, OtlpExportResponses.COLLECTOR, agg)));
    }

    /** OTLP/HTTP in one of its two encodings: every answer is written in the encoding the request came in. */
    private final class OtlpHttpProtocol implements SinkProtocol {

        private final boolean json;

        OtlpHttpProtocol(boolean json) {
            this.json = json;
        }

        @Override
        public DecodedBatch decode(AggregatedHttpRequest req) {
            byte[] body = BodyDecompressor.decode(req.headers().get(HttpHeaderNames.CONTENT_ENCODING),
                    req.content().array(), maxDecodedBytes);
            ExportLogsServiceRequest export = json ? OtlpJson.parseLogsRequest(body) : parseProtobuf(body);
            return OtlpLogsMapper.map(export, LogEvent.toMicros(Instant.now()));
        }

        @Override
        public HttpResponse accepted(DecodedBatch batch) {
            var response = OtlpExportResponses.of(batch);
            return json
                    ? HttpResponse.of(HttpStatus.OK, MediaType.JSON, OtlpJson.print(response))
                    : HttpResponse.of(HttpStatus.OK, X_PROTOBUF, response.toByteArray());
        }

        @Override
        public HttpResponse unreadable(IllegalArgumentException why) {
            return status(ResponseHeaders.of(JsonResponse.statusOf(why)), OtlpStatus.INVALID_ARGUMENT, why.getMessage());
        }

        @Override
        public HttpResponse busy(BackpressureException why, long retryAfterSeconds) {
            ResponseHeaders headers = ResponseHeaders.builder(HttpStatus.TOO_MANY_REQUESTS)
                    .add(HttpHeaderNames.RETRY_AFTER, Long.toString(retryAfterSeconds)).build();
            return status(headers, OtlpStatus.RESOURCE_EXHAUSTED, "server is behind, retry later: " + why.getMessage());
        }

        @Override
        public HttpResponse notStored(Throwable cause) {
            return status(ResponseHeaders.of(HttpStatus.SERVICE_UNAVAILABLE), OtlpStatus.UNAVAILABLE,
                    "events were not stored: " + cause.getMessage());
        }

        /** A {@code google.rpc.Status} body in the request's encoding. */
        private HttpResponse status(ResponseHeaders headers, int code, String message) {
            ResponseHeaders typed = headers.toBuilder().contentType(json ? MediaType.JSON : X_PROTOBUF).build();
            byte[] body = json
                    ? OtlpStatus.json(code, message).getBytes(StandardCharsets.UTF_8)
                    : OtlpStatus.protobuf(code, message);
            return HttpResponse.of(typed, HttpData.wrap(body));
        }
    }

    private static ExportLogsServiceRequest parseProtobuf(byte[] body) {
        try {
            return ExportLogsServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("body is not an OTLP ExportLogsServiceRequest: " + e.getMessage(), e);
        }
    }
}
