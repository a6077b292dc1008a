package dev.logline.server.collect.otlp;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import com.linecorp.armeria.common.grpc.GrpcSerializationFormats;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.grpc.GrpcService;
import dev.logline.core.LogEvent;
import dev.logline.server.http.GrpcStatusResponse;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.EventSink;
import dev.logline.server.ingest.IngestFailure;
import dev.logline.store.BackpressureException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * OTLP/gRPC logs: {@code opentelemetry.proto.collector.logs.v1.LogsService/Export}, served by Armeria's
 * {@link GrpcService} (framing, gzip, deadlines) on the server's one port, with the same {@link EventSink} path as
 * every other collector.
 *
 * <p>Statuses follow the OTLP specification: OK with an {@code ExportLogsServiceResponse}, whose
 * {@code partial_success} counts and explains rejected records; INVALID_ARGUMENT for a message that does not decode;
 * UNAVAILABLE with a {@code google.rpc.RetryInfo} when the store is behind (exporters retry UNAVAILABLE, and wait
 * as long as RetryInfo says); RESOURCE_EXHAUSTED without RetryInfo when the store's disk is full (the spec makes it
 * final, since retrying at once cannot help). Admission runs before the message is read.
 */
public final class OtlpGrpcLogsService extends LogsServiceGrpc.LogsServiceImplBase {

    /** The gRPC method path the service answers. */
    public static final String PATH = "/opentelemetry.proto.collector.logs.v1.LogsService/Export";

    /** What gRPC's default decompressor registry, which the service uses, can undo. */
    private static final java.util.Set<String> SUPPORTED_ENCODINGS = java.util.Set.of("identity", "gzip");

    private final EventSink sink;
    private final Function<ServiceRequestContext, String> tenantOf;

    private OtlpGrpcLogsService(EventSink sink, Function<ServiceRequestContext, String> tenantOf) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.tenantOf = Objects.requireNonNull(tenantOf, "tenantOf");
    }

    /**
     * The service to mount with {@code ServerBuilder.service(…)}: messages are decoded and handled on the blocking
     * executor, bounded by the request cap once decompressed, and refused before they are read when the sink says so.
     */
    public static HttpService of(EventSink sink, Function<ServiceRequestContext, String> tenantOf) {
        GrpcService grpc = GrpcService.builder()
                .addService(new OtlpGrpcLogsService(sink, tenantOf))
                .supportedSerializationFormats(GrpcSerializationFormats.PROTO)
                .useBlockingTaskExecutor(true)
                .maxRequestMessageLength((int) Math.min(Integer.MAX_VALUE, sink.limits().maxRequestBytes()))
                .exceptionHandler((ctx, status, cause, metadata) -> undecodable(status, cause))
                .build();
        return grpc.decorate((delegate, ctx, req) -> {
            String encoding = req.headers().get("grpc-encoding");
            if (encoding != null && !SUPPORTED_ENCODINGS.contains(encoding.trim().toLowerCase(java.util.Locale.ROOT))) {
                // The gRPC protocol's answer to a compression the server lacks; Armeria's own would be INTERNAL.
                req.abort();
                return GrpcStatusResponse.of(Code.UNIMPLEMENTED_VALUE, "grpc-encoding " + encoding
                        + " is not supported; send gzip or identity", null);
            }
            RuntimeException refusal = sink.admit(OtlpExportResponses.COLLECTOR, -1);
            if (refusal == null) {
                return delegate.serve(ctx, req);
            }
            req.abort();
            Status status = statusOf(refusal);
            return GrpcStatusResponse.of(status.getCode(), status.getMessage(),
                    status.getDetailsCount() > 0 ? status.toByteArray() : null);
        });
    }

    @Override
    public void export(ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> response) {
        long start = System.nanoTime();
        ServiceRequestContext ctx = ServiceRequestContext.current();
        sink.received(OtlpExportResponses.COLLECTOR, request.getSerializedSize());
        DecodedBatch batch;
        try {
            batch = OtlpLogsMapper.map(request, LogEvent.toMicros(Instant.now()));
        } catch (RuntimeException bug) {
            response.onError(io.grpc.Status.INTERNAL.withDescription("the server failed to read the records; "
                    + "this is a bug, please report it").asRuntimeException());
            return;
        }
        sink.ingest(tenantOf.apply(ctx), OtlpExportResponses.COLLECTOR, batch, start).whenComplete((outcome, failure) -> {
            if (failure == null) {
                response.onNext(OtlpExportResponses.of(outcome));
                response.onCompleted();
            } else {
                response.onError(StatusProto.toStatusRuntimeException(statusOf(failure)));
            }
        });
    }

    /** The gRPC status of a failure, with the wait a busy store asks for as RetryInfo. */
    static Status statusOf(Throwable failure) {
        Code code = switch (IngestFailure.of(failure)) {
            case UNREADABLE -> Code.INVALID_ARGUMENT;
            case TOO_LARGE, FULL -> Code.RESOURCE_EXHAUSTED;
            case BUSY, NOT_STORED -> Code.UNAVAILABLE;
        };
        Status.Builder status = Status.newBuilder().setCode(code.getNumber()).setMessage(IngestFailure.message(failure));
        BackpressureException busy = IngestFailure.backpressure(failure);
        if (busy != null && IngestFailure.of(failure) == IngestFailure.BUSY) {
            status.addDetails(Any.pack(RetryInfo.newBuilder()
                    .setRetryDelay(Duration.newBuilder().setSeconds(IngestFailure.retryAfterSeconds(busy))).build()));
        }
        return status.build();
    }

    /**
     * A message the framework could not read (a cut-off frame, bytes that are not the protobuf message) is the
     * sender's fault: INVALID_ARGUMENT with a plain reason, not the UNKNOWN or INTERNAL that would blame the server,
     * and never the parser's own words. Statuses this service chose itself (a {@link io.grpc.StatusRuntimeException}
     * not caused by an unparsable message) and every other code are kept.
     */
    private static io.grpc.Status undecodable(io.grpc.Status status, Throwable cause) {
        boolean chosen = cause instanceof io.grpc.StatusRuntimeException || cause instanceof io.grpc.StatusException;
        boolean unparsable = false;
        for (Throwable t = cause; t != null && !unparsable; t = t.getCause()) {
            unparsable = t instanceof com.google.protobuf.InvalidProtocolBufferException;
        }
        if ((!chosen || unparsable) && (status.getCode() == io.grpc.Status.Code.UNKNOWN || status.getCode() == io.grpc.Status.Code.INTERNAL)) {
            return io.grpc.Status.INVALID_ARGUMENT.withDescription("the call did not carry one well-formed "
                    + "ExportLogsServiceRequest (a cut-off frame, or bytes of another message); send what an OTLP exporter sends");
        }
        return null; // Armeria's own mapping for everything else
    }
}
