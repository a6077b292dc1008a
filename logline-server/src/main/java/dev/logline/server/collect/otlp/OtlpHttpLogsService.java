package dev.logline.server.collect.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.core.LogEvent;
import dev.logline.server.collect.BodyDecoding;
import dev.logline.server.collect.SinkFailure;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.EventSink;
import dev.logline.store.BackpressureException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * OTLP/HTTP logs ({@code POST /v1/logs}) in binary protobuf and JSON, so OpenTelemetry SDKs and the
 * Collector's {@code otlphttp} exporter ship to Logline unchanged.
 *
 * <p>Answers in the request's encoding: 200 with an {@code ExportLogsServiceResponse} once the sink reports
 * the events durable (with {@code partial_success} counting rejected records); 400 with a
 * {@code google.rpc.Status} for an undecodable body; 415 for other content types; 429 with
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
        this(sink, tenantOf, BodyDecoding.DEFAULT_MAX_DECODED_BYTES);
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
        return HttpResponse.of(req.aggregate().thenCompose(agg -> handle(ctx, agg)));
    }

    private CompletableFuture<HttpResponse> handle(ServiceRequestContext ctx, AggregatedHttpRequest req) {
        MediaType type = req.contentType();
        boolean json;
        if (type != null && (type.is(MediaType.PROTOBUF) || type.is(X_PROTOBUF))) {
            json = false;
        } else if (type != null && type.is(MediaType.JSON)) {
            json = true;
        } else {
            return done(HttpResponse.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, MediaType.PLAIN_TEXT_UTF_8,
                    "unsupported Content-Type " + type + ": send application/x-protobuf or application/json"));
        }
        DecodedBatch batch;
        try {
            byte[] body = BodyDecoding.decode(req.headers().get(HttpHeaderNames.CONTENT_ENCODING),
                    req.content().array(), maxDecodedBytes);
            ExportLogsServiceRequest export = json ? OtlpJson.parseLogsRequest(body) : parseProtobuf(body);
            batch = OtlpLogsMapper.map(export, LogEvent.toMicros(Instant.now()));
        } catch (IllegalArgumentException e) {
            return done(status(json, HttpStatus.BAD_REQUEST, OtlpStatus.INVALID_ARGUMENT, e.getMessage()));
        }
        if (batch.events().isEmpty()) {
            return done(success(json, batch));
        }
        return SinkFailure.acceptSafely(sink, tenantOf.apply(ctx), OtlpExportResponses.COLLECTOR, batch.events())
                .handle((ok, failure) -> failure == null ? success(json, batch) : failed(json, failure));
    }

    private static ExportLogsServiceRequest parseProtobuf(byte[] body) {
        try {
            return ExportLogsServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("body is not an OTLP ExportLogsServiceRequest: " + e.getMessage(), e);
        }
    }

    private static HttpResponse success(boolean json, DecodedBatch batch) {
        var response = OtlpExportResponses.of(batch);
        return json
                ? HttpResponse.of(HttpStatus.OK, MediaType.JSON, OtlpJson.print(response))
                : HttpResponse.of(HttpStatus.OK, X_PROTOBUF, response.toByteArray());
    }

    private static HttpResponse failed(boolean json, Throwable failure) {
        BackpressureException busy = SinkFailure.backpressure(failure);
        if (busy != null) {
            String message = "server is behind, retry later: " + busy.getMessage();
            return HttpResponse.builder()
                    .status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaderNames.RETRY_AFTER, SinkFailure.retryAfterSeconds(busy))
                    .content(json ? MediaType.JSON : X_PROTOBUF, json
                            ? OtlpStatus.json(OtlpStatus.RESOURCE_EXHAUSTED, message).getBytes(java.nio.charset.StandardCharsets.UTF_8)
                            : OtlpStatus.protobuf(OtlpStatus.RESOURCE_EXHAUSTED, message))
                    .build();
        }
        return status(json, HttpStatus.SERVICE_UNAVAILABLE, OtlpStatus.UNAVAILABLE,
                "events were not stored: " + SinkFailure.unwrap(failure).getMessage());
    }

    private static HttpResponse status(boolean json, HttpStatus http, int code, String message) {
        return json
                ? HttpResponse.of(http, MediaType.JSON, OtlpStatus.json(code, message))
                : HttpResponse.of(http, X_PROTOBUF, OtlpStatus.protobuf(code, message));
    }

    private static CompletableFuture<HttpResponse> done(HttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
