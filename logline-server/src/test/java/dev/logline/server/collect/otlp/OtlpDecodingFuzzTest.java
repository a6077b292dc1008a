package dev.logline.server.collect.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.logline.core.fuzz.FuzzGuard;
import dev.logline.core.fuzz.FuzzInputs;
import dev.logline.server.collect.CollectorSamples;
import dev.logline.server.ingest.BadRequestException;
import dev.logline.server.ingest.DecodedBatchInvariants;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OTLP logs, damaged: OTLP/JSON bodies read into a request or refused with {@link BadRequestException} (400),
 * protobuf bodies parsed or refused as the service does, and every request that parses — including well-formed ones
 * with extreme field values — mapped to events without an exception.
 */
class OtlpDecodingFuzzTest {

    @Provide
    Arbitrary<byte[]> jsonBodies() {
        return FuzzInputs.of(CollectorSamples.otlpJson(), 512);
    }

    @Provide
    Arbitrary<byte[]> protobufBodies() {
        return FuzzInputs.of(CollectorSamples.otlpProtobuf(), 512);
    }

    /** Well-formed requests whose record fields take jqwik's edge cases: 0, negatives, Long.MAX_VALUE, odd severities. */
    @Provide
    Arbitrary<ExportLogsServiceRequest> extremeRequests() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), Arbitraries.integers(),
                Arbitraries.strings().ofMaxLength(20), Arbitraries.bytes().array(byte[].class).ofMaxSize(20),
                Arbitraries.of(CollectorSamples.otlpRequests())).as((time, observed, severity, text, id, sample) -> {
                    ExportLogsServiceRequest.Builder b = sample.toBuilder();
                    LogRecord.Builder r = b.getResourceLogsBuilder(0).getScopeLogsBuilder(0).getLogRecordsBuilder(0);
                    r.setTimeUnixNano(time).setObservedTimeUnixNano(observed).setSeverityNumberValue(severity)
                            .setSeverityText(text).setTraceId(com.google.protobuf.ByteString.copyFrom(id))
                            .setSpanId(com.google.protobuf.ByteString.copyFrom(id)).setFlags(severity)
                            .setBody(AnyValue.newBuilder().setBytesValue(com.google.protobuf.ByteString.copyFrom(id)));
                    return b.build();
                });
    }

    @Property
    void jsonParsesOrIsABadRequest(@ForAll("jsonBodies") byte[] body) {
        FuzzGuard.run(body.length, () -> {
            ExportLogsServiceRequest request;
            try {
                request = OtlpJson.parseLogsRequest(body);
            } catch (BadRequestException e) {
                assertThat(e.getMessage()).isNotBlank().doesNotContain("com.google", "Exception");
                return;
            }
            DecodedBatchInvariants.assertWellFormed(OtlpLogsMapper.map(request, 5L));
        });
    }

    @Property
    void protobufParsesOrIsRefused(@ForAll("protobufBodies") byte[] body) {
        FuzzGuard.run(body.length, () -> {
            ExportLogsServiceRequest request;
            try {
                request = ExportLogsServiceRequest.parseFrom(body);
            } catch (InvalidProtocolBufferException e) {
                return; // OtlpHttpLogsService answers it 400 (OtlpServicesTest)
            }
            DecodedBatchInvariants.assertWellFormed(OtlpLogsMapper.map(request, 5L));
        });
    }

    @Property
    void extremeFieldValuesMapToEventsOrRejections(@ForAll("extremeRequests") ExportLogsServiceRequest request) {
        FuzzGuard.run(request.getSerializedSize(), () -> DecodedBatchInvariants.assertWellFormed(OtlpLogsMapper.map(request, 5L)));
    }
}
