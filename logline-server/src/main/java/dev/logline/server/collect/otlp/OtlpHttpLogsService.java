package dev.logline.server.collect.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.core.LogEvent;
import dev.logline.server.collect.HttpIngestExchange;
import dev.logline.server.collect.HttpIngestProtocol;
import dev.logline.server.collect.ProtobufSyntax;
import dev.logline.server.http.JsonResponse;
import dev.logline.server.ingest.BadRequestException;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.EventSink;
import dev.logline.server.ingest.IngestFailure;
import dev.logline.server.ingest.IngestOutcome;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * OTLP/HTTP logs ({@code POST /v1/logs}) in binary protobuf and JSON, so OpenTelemetry SDKs and the
 * Collector's {@code otlphttp} exporter ship to Logline unchanged.
 *
 * <p>Answers in the request's encoding: 200 with an {@code ExportLogsServiceResponse} once the accepted records are
 * durable, with {@code partial_success} counting the rejected ones and saying why; 400 with a
 * {@code google.rpc.Status} for an undecodable body (413 for one over the cap once decompressed); 415 for other
 * content types; 429 with {@code Retry-After} when the store is behind (which OTLP clients retry) and 507 when it is
 * full, both before the body is read.
 */
public final class OtlpHttpLogsService implements HttpService {

    /** Where OTLP/HTTP clients send logs. */
    public static final String PATH = "/v1/logs";

    private static final MediaType X_PROTOBUF = MediaType.parse("application/x-protobuf");

    private final EventSink sink;
    private final Function<ServiceRequestContext, String> tenantOf;
    private final HttpIngestProtocol protobuf = new OtlpHttpProtocol(false);
    private final HttpIngestProtocol json = new OtlpHttpProtocol(true);

    /**
     * @param sink     where decoded events go
     * @param tenantOf the tenant of a request
     */
    public OtlpHttpLogsService(EventSink sink, Function<ServiceRequestContext, String> tenantOf) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.tenantOf = Objects.requireNonNull(tenantOf, "tenantOf");
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        if (req.method() != HttpMethod.POST) {
            return HttpResponse.of(HttpStatus.METHOD_NOT_ALLOWED, MediaType.PLAIN_TEXT_UTF_8, "use POST");
        }
        MediaType type = req.contentType();
        HttpIngestProtocol protocol;
        if (type != null && (type.is(MediaType.PROTOBUF) || type.is(X_PROTOBUF))) {
            protocol = protobuf;
        } else if (type != null && type.is(MediaType.JSON)) {
            protocol = json;
        } else {
            return HttpResponse.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, MediaType.PLAIN_TEXT_UTF_8,
                    "unsupported Content-Type " + type + ": send application/x-protobuf or application/json");
        }
        return HttpIngestExchange.serve(ctx, req, sink, OtlpExportResponses.COLLECTOR, tenantOf.apply(ctx), protocol);
    }

    /** OTLP/HTTP in one of its two encodings: every answer is written in the encoding the request came in. */
    private static final class OtlpHttpProtocol implements HttpIngestProtocol {

        private final boolean json;

        OtlpHttpProtocol(boolean json) {
            this.json = json;
        }

        @Override
        public DecodedBatch decode(RequestHeaders headers, byte[] body) {
            ExportLogsServiceRequest export = json ? OtlpJson.parseLogsRequest(body) : parseProtobuf(body);
            return OtlpLogsMapper.map(export, LogEvent.toMicros(Instant.now()));
        }

        @Override
        public HttpResponse answer(DecodedBatch batch, IngestOutcome outcome, long startNanos) {
            var response = OtlpExportResponses.of(outcome);
            return json
                    ? HttpResponse.of(HttpStatus.OK, MediaType.JSON, OtlpJson.print(response))
                    : HttpResponse.of(HttpStatus.OK, X_PROTOBUF, response.toByteArray());
        }

        @Override
        public HttpResponse failure(Throwable cause) {
            int code = switch (IngestFailure.of(cause)) {
                case UNREADABLE, TOO_LARGE -> OtlpStatus.INVALID_ARGUMENT;
                case BUSY, FULL -> OtlpStatus.RESOURCE_EXHAUSTED;
                case NOT_STORED -> OtlpStatus.UNAVAILABLE;
            };
            ResponseHeaders headers = JsonResponse.failureHeaders(cause, json ? MediaType.JSON : X_PROTOBUF);
            String message = IngestFailure.message(cause);
            byte[] body = json
                    ? OtlpStatus.json(code, message).getBytes(StandardCharsets.UTF_8)
                    : OtlpStatus.protobuf(code, message);
            return HttpResponse.of(headers, HttpData.wrap(body));
        }
    }

    private static ExportLogsServiceRequest parseProtobuf(byte[] body) {
        try {
            return ExportLogsServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new BadRequestException(ProtobufSyntax.describe(e, "OTLP ExportLogsServiceRequest",
                    "send OTLP protobuf with Content-Type application/x-protobuf, or OTLP/JSON with application/json"), e);
        }
    }
}
