package dev.logline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.loki4j.pkg.google.protobuf.Timestamp;
import com.github.loki4j.pkg.loki.protobuf.Push;
import com.linecorp.armeria.client.grpc.GrpcClients;
import dev.logline.server.collect.syslog.SyslogConfig;
import dev.logline.server.ingest.IngestLimits;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import org.apache.http.HttpHost;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every protocol, one batch mixing good items, an oversized one, one with too many fields and a malformed or
 * out-of-time one, sent by the protocol's real client or wire format: every good item is stored, the oversized one
 * is stored truncated, the others are reported rejected in the protocol's own terms, and the count the client is
 * told equals what the search API finds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MixedBatchOutcomesTest {

    static final int MAX_EVENT_BYTES = 4096;
    static final int MAX_FIELDS = 20;
    static final String BIG = "x".repeat(10_000);

    ServerFixture fx;

    @BeforeAll
    void start(@TempDir Path dir) {
        fx = new ServerFixture(dir, LoglineServer.builder()
                .config(ServerConfig.defaults().withPort(0).withLimits(IngestLimits.defaults()
                        .withMaxEventBytes(MAX_EVENT_BYTES).withMaxFieldsPerEvent(MAX_FIELDS)))
                .syslog(SyslogConfig.defaults().withEnabled(true).withBindAddress("127.0.0.1").withPort(0)
                        .withUdp(false).withMaxMessageBytes(1024)));
    }

    @AfterAll
    void stop() throws IOException {
        fx.close();
    }

    /** {@code {"msg": word + " wide", "f0": 0, …}} with more attributes than the limit. */
    static String wideJson(String word) {
        StringBuilder b = new StringBuilder("{\"msg\":\"" + word + " wide\"");
        for (int i = 0; i <= MAX_FIELDS; i++) {
            b.append(",\"f").append(i).append("\":").append(i);
        }
        return b.append('}').toString();
    }

    @Test
    void nativeNdjson() {
        String w = "mixnativeword";
        String body = String.join("\n", "{\"msg\":\"" + w + " good 1\"}", "{\"msg\":\"" + w + " good 2\"}",
                "{\"msg\":\"" + w + " good 3\"}", "{\"msg\":\"" + w + " big " + BIG + "\"}", wideJson(w),
                "{\"msg\":\"" + w + " broken\"");

        var r = fx.post("/api/v1/ingest", body);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode report = ServerFixture.json(r);
        assertThat(report.get("truncated")).extracting(JsonNode::asInt).containsExactly(4);
        assertThat(report.get("rejected")).extracting(x -> x.get("line").asInt()).containsExactly(5, 6);
        assertThat(report.get("rejected").get(0).get("error").asText()).contains("21 fields, over the limit of 20");
        assertThat(report.get("rejected").get(1).get("error").asText()).startsWith("invalid JSON at line 1")
                .doesNotContain("Source", "REDACTED", "marker");
        assertStoredAsTold(w, report.get("accepted").asInt(), 4);
    }

    @Test
    void elasticsearchBulkThroughTheOfficialClient() throws IOException {
        String w = "mixbulkword";
        StringBuilder body = new StringBuilder();
        for (String doc : List.of("{\"message\":\"" + w + " good 1\"}", "{\"message\":\"" + w + " good 2\"}",
                "{\"message\":\"" + w + " good 3\"}", "{\"message\":\"" + w + " big " + BIG + "\"}", wideJson(w),
                "{\"message\": \"" + w + " broken")) {
            body.append("{\"index\":{\"_index\":\"mixed\"}}\n").append(doc).append('\n');
        }
        JsonNode answer;
        try (RestClient client = RestClient.builder(new HttpHost("127.0.0.1", fx.server.port(), "http")).build()) {
            Request bulk = new Request("POST", "/_bulk");
            bulk.setJsonEntity(body.toString());
            Response response = client.performRequest(bulk);
            assertThat(response.getStatusLine().getStatusCode()).isEqualTo(200);
            answer = ServerFixture.JSON.readTree(EntityUtils.toString(response.getEntity()));
        }

        assertThat(answer.get("errors").asBoolean()).isTrue();
        List<Integer> statuses = new ArrayList<>();
        answer.get("items").forEach(i -> statuses.add(i.get("index").get("status").asInt()));
        assertThat(statuses).containsExactly(201, 201, 201, 201, 400, 400);
        assertThat(answer.get("items").get(3).get("index").get("_truncated").asBoolean()).isTrue();
        assertThat(answer.get("items").get(4).get("index").get("error").get("reason").asText()).contains("fields, over the limit of 20");
        assertThat(answer.get("items").get(5).get("index").get("error").get("type").asText()).isEqualTo("document_parsing_exception");
        assertStoredAsTold(w, (int) statuses.stream().filter(s -> s == 201).count(), 4);
    }

    @Test
    void lokiProtobufBuiltWithPromtailsPushClasses() throws IOException {
        String w = "mixlokiword";
        long now = Instant.now().getEpochSecond();
        Push.StreamAdapter.Builder good = Push.StreamAdapter.newBuilder().setLabels("{service_name=\"mixed\", level=\"info\"}");
        for (String line : List.of(w + " good 1", w + " good 2", w + " good 3", w + " big " + BIG, wideJson(w))) {
            good.addEntries(Push.EntryAdapter.newBuilder().setTimestamp(Timestamp.newBuilder().setSeconds(now)).setLine(line));
        }
        Push.StreamAdapter broken = Push.StreamAdapter.newBuilder().setLabels("{job=}")
                .addEntries(Push.EntryAdapter.newBuilder().setTimestamp(Timestamp.newBuilder().setSeconds(now))
                        .setLine(w + " bad labels")).build();
        byte[] body = Snappy.compress(Push.PushRequest.newBuilder().addStreams(good).addStreams(broken).build().toByteArray());

        var r = fx.post("/loki/api/v1/push", body, "Content-Type", "application/x-protobuf");

        // As Loki: 400 with the reasons, the good entries kept.
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode report = ServerFixture.json(r);
        assertThat(report.get("rejected")).extracting(x -> x.get("line").asInt()).containsExactly(5, 6);
        assertThat(report.get("rejected").get(0).get("error").asText()).contains("21 fields");
        assertThat(report.get("rejected").get(1).get("error").asText()).contains("stream labels {job=}");
        assertStoredAsTold(w, report.get("accepted").asInt(), 4);
    }

    /** Three good records, an oversized one, one with too many attributes, one with a time out of range. */
    static ExportLogsServiceRequest otlpBatch(String w) {
        long ns = Instant.now().toEpochMilli() * 1_000_000L;
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        for (String text : List.of(w + " good 1", w + " good 2", w + " good 3", w + " big " + BIG)) {
            scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(ns).setBody(str(text)));
        }
        LogRecord.Builder wide = LogRecord.newBuilder().setTimeUnixNano(ns).setBody(str(w + " wide"));
        for (int i = 0; i <= MAX_FIELDS; i++) {
            wide.addAttributes(KeyValue.newBuilder().setKey("f" + i).setValue(AnyValue.newBuilder().setIntValue(i)));
        }
        scope.addLogRecords(wide);
        scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(-1L).setBody(str(w + " bad time")));
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(scope)).build();
    }

    static AnyValue str(String s) {
        return AnyValue.newBuilder().setStringValue(s).build();
    }

    @Test
    void otlpHttpProtobuf() throws Exception {
        String w = "mixotlphttpword";
        HttpResponse<byte[]> r = fx.http.send(HttpRequest.newBuilder(fx.uri("/v1/logs"))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(otlpBatch(w).toByteArray())).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(r.statusCode()).isEqualTo(200);
        ExportLogsServiceResponse answer = ExportLogsServiceResponse.parseFrom(r.body());

        assertThat(answer.getPartialSuccess().getRejectedLogRecords()).isEqualTo(2);
        assertThat(answer.getPartialSuccess().getErrorMessage()).contains("log record 5").contains("21 fields")
                .contains("log record 6").contains("out of range");
        assertStoredAsTold(w, 6 - (int) answer.getPartialSuccess().getRejectedLogRecords(), 4);
    }

    @Test
    void otlpGrpcThroughArmeriasGrpcClient() {
        String w = "mixotlpgrpcword";
        LogsServiceGrpc.LogsServiceBlockingStub client = GrpcClients.newClient(
                "gproto+h2c://127.0.0.1:" + fx.server.port() + "/", LogsServiceGrpc.LogsServiceBlockingStub.class);

        ExportLogsServiceResponse answer = client.export(otlpBatch(w));

        assertThat(answer.getPartialSuccess().getRejectedLogRecords()).isEqualTo(2);
        assertThat(answer.getPartialSuccess().getErrorMessage()).contains("21 fields").contains("out of range");
        assertStoredAsTold(w, 6 - (int) answer.getPartialSuccess().getRejectedLogRecords(), 4);
    }

    /**
     * The OpenTelemetry SDK's own exporters: they treat a partial success as a success and do not hand it to the
     * application, so what they send is checked against what the search API finds.
     */
    @Test
    void otlpSdkExportersOverHttpAndGrpc() {
        String endpoint = "http://127.0.0.1:" + fx.server.port();
        for (var exporter : List.<io.opentelemetry.sdk.logs.export.LogRecordExporter>of(
                io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter.builder()
                        .setEndpoint(endpoint + "/v1/logs").setRetryPolicy(null).build(),
                io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter.builder()
                        .setEndpoint(endpoint).setRetryPolicy(null).build())) {
            String w = exporter instanceof io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter
                    ? "mixsdkgrpcword" : "mixsdkhttpword";
            var provider = io.opentelemetry.sdk.logs.SdkLoggerProvider.builder()
                    .addLogRecordProcessor(io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor.builder(exporter).build())
                    .build();
            var logger = provider.get("mixed");
            for (String text : List.of(w + " good 1", w + " good 2", w + " big " + BIG)) {
                logger.logRecordBuilder().setBody(text).emit();
            }
            var wide = logger.logRecordBuilder().setBody(w + " wide");
            for (int i = 0; i <= MAX_FIELDS; i++) {
                wide.setAttribute(io.opentelemetry.api.common.AttributeKey.longKey("f" + i), (long) i);
            }
            wide.emit();
            assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).as(w).isTrue();
            provider.shutdown().join(10, TimeUnit.SECONDS);

            assertStoredAsTold(w, 3, 3);
        }
    }

    /** A message as Python's logging.handlers.SysLogHandler sends it over TCP: "<PRI>" + text + NUL. */
    static byte[] pythonSysLogHandlerFrame(int pri, String text) {
        return ("<" + pri + ">" + text + "\0").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void syslogCountsRejectionsAndDescribesThemInTheServersOwnStream() throws Exception {
        String w = "mixsyslogword";
        StringBuilder sd = new StringBuilder("[wide@32473");
        for (int i = 0; i <= MAX_FIELDS; i++) {
            sd.append(" p").append(i).append("=\"").append(i).append('"');
        }
        sd.append(']');
        long before = fx.server.syslog().stats().rejected();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 1; i <= 3; i++) {
            stream.write(pythonSysLogHandlerFrame(14, w + " good " + i));
        }
        stream.write(pythonSysLogHandlerFrame(14, w + " big " + "y".repeat(2_000)));
        stream.write(pythonSysLogHandlerFrame(14, "1 " + Instant.now() + " node-1 app - - " + sd + " " + w + " wide"));
        stream.write(pythonSysLogHandlerFrame(14, "1 2999-01-01T00:00:00Z node-1 app - - - " + w + " from the future"));
        try (Socket socket = new Socket("127.0.0.1", fx.server.syslog().tcpPort()); OutputStream out = socket.getOutputStream()) {
            out.write(stream.toByteArray());
        }

        awaitCount(w, 4);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fx.server.syslog().stats().rejected() - before < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(fx.server.syslog().stats().rejected() - before).isEqualTo(2);
        JsonNode events = searchAll(w);
        assertThat(events).hasSize(4);
        JsonNode big = find(events, w + " big");
        assertThat(big.get("_truncated").asBoolean()).isTrue();
        assertThat(big.get("msg").asText().length()).isLessThan(1024);

        // The sender cannot be told, so the server says it in its own stream: service logline, default tenant.
        long reported = 0;
        List<String> messages = new ArrayList<>();
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (reported < 2 && System.nanoTime() < deadline) {
            reported = 0;
            messages.clear();
            for (JsonNode self : searchAll("service:logline AND collector:syslog")) {
                reported += self.get("rejected").asLong();
                messages.add(self.get("msg").asText());
            }
            Thread.sleep(50);
        }
        assertThat(reported).isGreaterThanOrEqualTo(2);
        assertThat(String.join("\n", messages)).contains("fields, over the limit of 20").contains("ahead of the server clock");
    }

    @Test
    void fiftyPythonStyleNulFramedMessagesAreFiftyEvents() throws Exception {
        String w = "mixnulword";
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            stream.write(pythonSysLogHandlerFrame(11, w + " message " + i + (i == 7 ? "\nTraceback (most recent call last):\n  File \"app.py\"" : "")));
        }
        try (Socket socket = new Socket("127.0.0.1", fx.server.syslog().tcpPort()); OutputStream out = socket.getOutputStream()) {
            out.write(stream.toByteArray());
        }

        awaitCount(w, 50);
        JsonNode events = searchAll(w);
        assertThat(events).hasSize(50);
        assertThat(find(events, w + " message 7\n").get("msg").asText()).contains("Traceback (most recent call last):\n");
    }

    @Test
    void pythonsOwnSysLogHandlerOverTcp() throws Exception {
        String python = PythonSysLog.python();
        org.junit.jupiter.api.Assumptions.assumeTrue(python != null, "python3 is not installed; skipping the real SysLogHandler run");
        String w = "mixpythonword";

        int exit = PythonSysLog.run(python, fx.server.syslog().tcpPort(), w, 50);

        assertThat(exit).isZero();
        awaitCount(w, 50);
        JsonNode events = searchAll(w);
        assertThat(events).hasSize(50);
        assertThat(find(events, w + " failed").get("msg").asText()).contains("Traceback (most recent call last):");
    }

    private static JsonNode find(JsonNode events, String prefix) {
        for (JsonNode e : events) {
            if (e.path("msg").asText().startsWith(prefix)) {
                return e;
            }
        }
        throw new AssertionError("no event starting with '" + prefix + "' in " + events);
    }

    private JsonNode searchAll(String lql) {
        fx.store.refreshNow();
        return fx.search(lql, "&limit=1000").path("events");
    }

    private void awaitCount(String word, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (searchAll(word).size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /**
     * What the client was told equals what the search API finds, and the oversized item is among them, cut to the
     * event-size limit and marked.
     */
    private void assertStoredAsTold(String word, int told, int expected) {
        assertThat(told).isEqualTo(expected);
        JsonNode events = searchAll(word);
        assertThat(events).hasSize(told);
        JsonNode big = find(events, word + " big");
        assertThat(big.get("_truncated").asBoolean()).isTrue();
        assertThat(big.get("msg").asText().getBytes(StandardCharsets.UTF_8).length).isLessThan(MAX_EVENT_BYTES);
    }
}
