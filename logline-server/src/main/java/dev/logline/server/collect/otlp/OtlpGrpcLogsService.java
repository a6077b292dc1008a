package dev.logline.server.collect.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaders;
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
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.EventSink;
import dev.logline.store.BackpressureException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * OTLP/gRPC logs: the unary {@code opentelemetry.proto.collector.logs.v1.LogsService/Export} call, served
 * over Armeria's HTTP/2 (cleartext prior-knowledge or TLS) with gRPC's framing written out by hand.
 *
 * <p>Why by hand: {@code armeria-grpc} is not published for the Armeria version the project pins, and a
 * unary call is a 5-byte prefix and two trailers. Status codes follow the OTLP spec: OK with a
 * (partial-success) response; INVALID_ARGUMENT for an undecodable message; UNAVAILABLE under backpressure,
 * which OTLP exporters retry; UNIMPLEMENTED for an unknown {@code grpc-encoding}.
 */
public final class OtlpGrpcLogsService implements HttpService {

    /** The gRPC method path to mount this service at. */
    public static final String PATH = "/opentelemetry.proto.collector.logs.v1.LogsService/Export";

    private static final MediaType GRPC = MediaType.parse("application/grpc");

    private final EventSink sink;
    private final Function<ServiceRequestContext, String> tenantOf;
    private final int maxDecodedBytes;
    private final SinkProtocol protocol = new GrpcProtocol();

    public OtlpGrpcLogsService(EventSink sink, Function<ServiceRequestContext, String> tenantOf) {
        this(sink, tenantOf, BodyDecompressor.DEFAULT_MAX_DECODED_BYTES);
    }

    public OtlpGrpcLogsService(EventSink sink, Function<ServiceRequestContext, String> tenantOf, int maxDecodedBytes) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.tenantOf = Objects.requireNonNull(tenantOf, "tenantOf");
        this.maxDecodedBytes = maxDecodedBytes;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        if (req.method() != HttpMethod.POST) {
            return HttpResponse.of(HttpStatus.METHOD_NOT_ALLOWED, MediaType.PLAIN_TEXT_UTF_8, "gRPC calls are POSTs");
        }
        MediaType type = req.contentType();
        if (type == null || !type.subtype().startsWith("grpc") || type.subtype().startsWith("grpc-web")) {
            return HttpResponse.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, MediaType.PLAIN_TEXT_UTF_8,
                    "send application/grpc (protobuf); grpc-web is not supported");
        }
        return HttpResponse.of(req.aggregate().thenCompose(agg -> handle(ctx, agg)));
    }

    private CompletableFuture<HttpResponse> handle(ServiceRequestContext ctx, AggregatedHttpRequest req) {
        String encoding = req.headers().get("grpc-encoding");
        if (encoding != null && !isSupportedEncoding(encoding)) {
            return CompletableFuture.completedFuture(
                    status(OtlpStatus.UNIMPLEMENTED, "grpc-encoding " + encoding + " is not supported"));
        }
        return protocol.exchange(sink, tenantOf.apply(ctx), OtlpExportResponses.COLLECTOR, req);
    }

    /** gRPC's framing and trailers-only statuses. */
    private final class GrpcProtocol implements SinkProtocol {

        @Override
        public DecodedBatch decode(AggregatedHttpRequest req) {
            byte[] message = GrpcUnaryFraming.unframe(req.content().array(), req.headers().get("grpc-encoding"),
                    maxDecodedBytes);
            try {
                return OtlpLogsMapper.map(ExportLogsServiceRequest.parseFrom(message), LogEvent.toMicros(Instant.now()));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalArgumentException("not an OTLP ExportLogsServiceRequest: " + e.getMessage(), e);
            }
        }

        @Override
        public HttpResponse accepted(DecodedBatch batch) {
            ResponseHeaders headers = ResponseHeaders.builder(HttpStatus.OK).contentType(GRPC).add("grpc-encoding", "identity").build();
            byte[] framed = GrpcUnaryFraming.frame(OtlpExportResponses.of(batch).toByteArray());
            return HttpResponse.of(headers, HttpData.wrap(framed), HttpHeaders.of("grpc-status", "0"));
        }

        @Override
        public HttpResponse unreadable(IllegalArgumentException why) {
            return status(OtlpStatus.INVALID_ARGUMENT, why.getMessage());
        }

        @Override
        public HttpResponse busy(BackpressureException why, long retryAfterSeconds) {
            // OTLP exporters retry UNAVAILABLE; gRPC has no Retry-After, so the wait goes in the message.
            return status(OtlpStatus.UNAVAILABLE, "server is behind, retry in " + retryAfterSeconds + "s: " + why.getMessage());
        }

        @Override
        public HttpResponse notStored(Throwable cause) {
            return status(OtlpStatus.UNAVAILABLE, "events were not stored: " + cause.getMessage());
        }
    }

    private static boolean isSupportedEncoding(String encoding) {
        switch (encoding.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "identity": case "gzip": case "deflate": case "zstd": case "snappy":
                return true;
            default:
                return false;
        }
    }

    /** A trailers-only response: the gRPC status travels in the one header block. */
    private static HttpResponse status(int code, String message) {
        return HttpResponse.of(ResponseHeaders.builder(HttpStatus.OK)
                .contentType(GRPC)
                .add("grpc-status", Integer.toString(code))
                .add("grpc-message", GrpcUnaryFraming.encodeMessage(message == null ? "" : message))
                .build());
    }
}
