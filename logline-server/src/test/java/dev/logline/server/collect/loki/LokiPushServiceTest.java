package dev.logline.server.collect.loki;

import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.server.collect.CollectorServer;
import dev.logline.server.collect.RecordingStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class LokiPushServiceTest {

    @RegisterExtension
    static final CollectorServer collectors = new CollectorServer().mount(LokiPushService.PATH, LokiPushService::new);
    private static final RecordingStore sink = collectors.store;
    private static final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> post(String contentType, String encoding, String tenant, byte[] body) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(collectors.uri(LokiPushService.PATH)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            req.header("Content-Encoding", encoding);
        }
        if (tenant != null) {
            req.header("X-Scope-OrgID", tenant);
        }
        return client.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void promtailProtobufPushIsStoredUnderTheOrgIdTenant() throws Exception {
        byte[] body = new PromtailPushEncoder()
                .stream("{job=\"varlogs\", level=\"warn\"}")
                .entry(1763805600L, 0, "disk 91% full")
                .entry(1763805601L, 0, "disk 92% full")
                .snappyBody();

        HttpResponse<String> res = post("application/x-protobuf", null, "team-a", body);

        assertThat(res.statusCode()).isEqualTo(204);
        assertThat(sink.calls()).hasSize(1);
        assertThat(sink.calls().get(0).tenant()).isEqualTo("team-a");
        assertThat(collectors.metrics().collector("loki").events()).isEqualTo(2);
        assertThat(sink.events()).extracting(LogEvent::msg).containsExactly("disk 91% full", "disk 92% full");
        assertThat(sink.events()).allSatisfy(e -> {
            assertThat(e.service()).isEqualTo("varlogs");
            assertThat(e.level()).isEqualTo(Level.WARN);
        });
    }

    @Test
    void gzippedJsonPushGoesToTheDefaultTenant() throws Exception {
        String json = "{\"streams\":[{\"stream\":{\"app\":\"shop\"},\"values\":[[\"1763805600000000000\",\"hello\"]]}]}";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }

        HttpResponse<String> res = post("application/json", "gzip", null, gz.toByteArray());

        assertThat(res.statusCode()).isEqualTo(204);
        assertThat(sink.calls().get(0).tenant()).isEqualTo("default");
        assertThat(sink.events().get(0).service()).isEqualTo("shop");
    }

    @Test
    void undecodableBodiesAnswer400WithTheReason() throws Exception {
        HttpResponse<String> garbage = post("application/x-protobuf", null, null, "not snappy".getBytes(StandardCharsets.UTF_8));
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("snappy");

        HttpResponse<String> badJson = post("application/json", null, null, "{\"streams\": [".getBytes(StandardCharsets.UTF_8));
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.body()).contains("not valid JSON");

        HttpResponse<String> badGzip = post("application/json", "gzip", null, "plain".getBytes(StandardCharsets.UTF_8));
        assertThat(badGzip.statusCode()).isEqualTo(400);
        assertThat(badGzip.body()).contains("gzip");

        HttpResponse<String> xml = post("text/xml", null, null, "<a/>".getBytes(StandardCharsets.UTF_8));
        assertThat(xml.statusCode()).isEqualTo(400);
        assertThat(sink.calls()).isEmpty();
    }

    @Test
    void aBodyPastTheCapOnceInflatedIs413NotACorruptBody() throws Exception {
        long cap = dev.logline.server.ingest.IngestLimits.defaults().maxRequestBytes();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i <= cap / zeros.length; i++) {
                out.write(zeros);
            }
        }

        HttpResponse<String> res = post("application/json", "gzip", null, gz.toByteArray());

        assertThat(res.statusCode()).isEqualTo(413);
        assertThat(res.body()).contains(cap + " bytes");
        assertThat(sink.calls()).isEmpty();
    }

    @Test
    void goodEntriesAreStoredAndBadOnesReported() throws Exception {
        String json = "{\"streams\":[{\"stream\":{},\"values\":[[\"1763805600000000000\",\"good\"],[\"soon\",\"bad\"]]}]}";

        HttpResponse<String> res = post("application/json", null, null, json.getBytes(StandardCharsets.UTF_8));

        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("\"accepted\":1").contains("\"line\":2");
        assertThat(sink.events()).extracting(LogEvent::msg).containsExactly("good");
    }

    @Test
    void backpressureAnswers429WithRetryAfter() throws Exception {
        sink.beBusy(Duration.ofMillis(2_500));
        byte[] body = new PromtailPushEncoder().stream("{job=\"x\"}").entry(1, 0, "line").snappyBody();

        HttpResponse<String> res = post("application/x-protobuf", null, null, body);

        assertThat(res.statusCode()).isEqualTo(429);
        assertThat(res.headers().firstValue("retry-after")).hasValue("3");
    }

    @Test
    void onlyPostIsAllowed() throws IOException, InterruptedException {
        HttpResponse<String> res = client.send(HttpRequest.newBuilder(collectors.uri(LokiPushService.PATH)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(405);
    }

    @Test
    void aStoreThatFailsIsA503NotAServerCrash() throws Exception {
        sink.breakWith(new IllegalStateException("disk full"));
        String json = "{\"streams\":[{\"stream\":{},\"values\":[[\"1\",\"x\"]]}]}";

        HttpResponse<String> res = post("application/json", null, null, json.getBytes(StandardCharsets.UTF_8));

        assertThat(res.statusCode()).isEqualTo(503);
        assertThat(res.body()).contains("nothing of it was stored").contains("disk full");
    }
}
