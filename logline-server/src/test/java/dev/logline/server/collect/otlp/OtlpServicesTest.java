package dev.logline.server.collect.otlp;

import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import dev.logline.core.LogEvent;
import dev.logline.server.collect.CollectorServer;
import dev.logline.server.collect.RecordingStore;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The OTLP services' answers to good, partly bad and bad requests, over real HTTP/1.1 and HTTP/2. */
class OtlpServicesTest {

    @RegisterExtension
    static final CollectorServer collectors = new CollectorServer()
            .mount(OtlpHttpLogsService.PATH, sink -> new OtlpHttpLogsService(sink, ctx -> "t1"))
            .mount(OtlpGrpcLogsService.PATH, sink -> OtlpGrpcLogsService.of(sink, ctx -> "t1"));
    private static final RecordingStore sink = collectors.store;
    private static WebClient http;
    private static WebClient h2c;

    @BeforeAll
    static void clients() {
        http = WebClient.of("h1c://127.0.0.1:" + collectors.port());
        h2c = WebClient.of("h2c://127.0.0.1:" + collectors.port());
    }

    private static AggregatedHttpResponse post(WebClient client, String path, MediaType type, byte[] body) {
        return client.execute(RequestHeaders.builder(HttpMethod.POST, path).contentType(type).build(), body)
                .aggregate().join();
    }

    private static byte[] twoRecordsOneBad() {
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .addScopeLogs(ScopeLogs.newBuilder()
                        .addLogRecords(LogRecord.newBuilder().setTimeUnixNano(-1L).setBody(AnyValue.newBuilder().setStringValue("bad")))
                        .addLogRecords(LogRecord.newBuilder().setTimeUnixNano(1_000_000_000L).setBody(AnyValue.newBuilder().setStringValue("good")))))
                .build().toByteArray();
    }

    @Test
    void jsonExportIsAnsweredInJson() {
        String json = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"1000000000\",\"body\":{\"stringValue\":\"hi\"}}]}]}]}";

        AggregatedHttpResponse res = post(http, OtlpHttpLogsService.PATH, MediaType.JSON, json.getBytes(StandardCharsets.UTF_8));

        assertThat(res.status().code()).isEqualTo(200);
        assertThat(res.contentType().is(MediaType.JSON)).isTrue();
        assertThat(res.contentUtf8()).isEqualTo("{}");
        assertThat(sink.events()).extracting(LogEvent::msg).containsExactly("hi");
        assertThat(sink.calls().get(0).tenant()).isEqualTo("t1");
    }

    @Test
    void partlyBadProtobufExportReportsPartialSuccess() throws Exception {
        AggregatedHttpResponse res = post(http, OtlpHttpLogsService.PATH, MediaType.PROTOBUF, twoRecordsOneBad());

        assertThat(res.status().code()).isEqualTo(200);
        ExportLogsServiceResponse answer = ExportLogsServiceResponse.parseFrom(res.content().array());
        assertThat(answer.getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
        assertThat(answer.getPartialSuccess().getErrorMessage()).contains("log record 1");
        assertThat(sink.events()).extracting(LogEvent::msg).containsExactly("good");
    }

    @Test
    void badBodiesAre400WithAStatusNever5xx() {
        AggregatedHttpResponse garbage = post(http, OtlpHttpLogsService.PATH, MediaType.PROTOBUF, new byte[] {(byte) 0xff, 1, 2});
        assertThat(garbage.status().code()).isEqualTo(400);
        assertThat(garbage.contentUtf8()).contains("ExportLogsServiceRequest");

        AggregatedHttpResponse badJson = post(http, OtlpHttpLogsService.PATH, MediaType.JSON, "{\"resourceLogs\":[".getBytes(StandardCharsets.UTF_8));
        assertThat(badJson.status().code()).isEqualTo(400);
        assertThat(badJson.contentUtf8()).startsWith("{\"code\":3,");

        AggregatedHttpResponse text = post(http, OtlpHttpLogsService.PATH, MediaType.PLAIN_TEXT, "hi".getBytes(StandardCharsets.UTF_8));
        assertThat(text.status().code()).isEqualTo(415);
        assertThat(sink.calls()).isEmpty();
    }

    @Test
    void jsonBackpressureIs429WithRetryAfter() {
        sink.beBusy(Duration.ofSeconds(7));
        String json = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":{\"stringValue\":\"hi\"}}]}]}]}";

        AggregatedHttpResponse res = post(http, OtlpHttpLogsService.PATH, MediaType.JSON, json.getBytes(StandardCharsets.UTF_8));

        assertThat(res.status().code()).isEqualTo(429);
        assertThat(res.headers().get("retry-after")).isEqualTo("7");
        assertThat(res.contentUtf8()).contains("\"code\":8");
    }

    @Test
    void grpcPartialSuccessTravelsInTheResponseMessage() throws Exception {
        byte[] framed = GrpcFrames.frame(twoRecordsOneBad());

        AggregatedHttpResponse res = post(h2c, OtlpGrpcLogsService.PATH, MediaType.parse("application/grpc"), framed);

        assertThat(res.status().code()).isEqualTo(200);
        assertThat(res.trailers().get("grpc-status")).isEqualTo("0");
        byte[] message = GrpcFrames.unframe(res.content().array());
        assertThat(ExportLogsServiceResponse.parseFrom(message).getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
    }

    /** The gRPC status of a call, from the trailers or, for a trailers-only answer, the headers. */
    static String grpcStatus(AggregatedHttpResponse r) {
        String inHeaders = r.headers().get("grpc-status");
        return inHeaders != null ? inHeaders : r.trailers().get("grpc-status");
    }

    static String grpcMessage(AggregatedHttpResponse r) {
        String message = r.headers().get("grpc-message");
        return URLDecoder.decode(message != null ? message : r.trailers().get("grpc-message", ""), StandardCharsets.UTF_8);
    }

    @Test
    void grpcBadInputIsInvalidArgument() {
        AggregatedHttpResponse truncated = post(h2c, OtlpGrpcLogsService.PATH, MediaType.parse("application/grpc"),
                new byte[] {0, 0, 0, 0, 9, 1});
        assertThat(truncated.status().code()).isEqualTo(200);
        assertThat(grpcStatus(truncated)).isEqualTo("3");
        assertThat(grpcMessage(truncated)).contains("cut-off frame").doesNotContain("Exception", "readerIndex");

        AggregatedHttpResponse notProto = post(h2c, OtlpGrpcLogsService.PATH, MediaType.parse("application/grpc"),
                GrpcFrames.frame(new byte[] {(byte) 0xff, (byte) 0xff}));
        assertThat(grpcStatus(notProto)).isEqualTo("3");
        assertThat(grpcMessage(notProto)).contains("ExportLogsServiceRequest").doesNotContain("Exception", "protobuf.");

        AggregatedHttpResponse unknownCompression = h2c.execute(RequestHeaders.builder(HttpMethod.POST, OtlpGrpcLogsService.PATH)
                .contentType(MediaType.parse("application/grpc")).add("grpc-encoding", "lz4").build(), new byte[] {1, 0, 0, 0, 0})
                .aggregate().join();
        assertThat(grpcStatus(unknownCompression)).isEqualTo("12");
        assertThat(sink.calls()).isEmpty();
    }
}
