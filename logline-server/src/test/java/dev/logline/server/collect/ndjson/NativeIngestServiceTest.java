package dev.logline.server.collect.ndjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.luben.zstd.Zstd;
import dev.logline.core.LogEvent;
import dev.logline.core.Timestamps;
import dev.logline.server.ServerConfig;
import dev.logline.server.ServerFixture;
import dev.logline.server.ingest.IngestLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

import static dev.logline.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NativeIngestServiceTest {

    ServerFixture fx;

    @BeforeAll
    void start(@TempDir Path dir) {
        // One server for the class (starting one is the slow part); each test uses its own words.
        fx = new ServerFixture(dir, ServerConfig.defaults().withLimits(IngestLimits.defaults()
                .withMaxRequestBytes(64 * 1024).withMaxEventBytes(2048).withMaxFieldsPerEvent(20)
                .withMaxKeyLength(32).withMaxNestingDepth(4)));
    }

    @AfterAll
    void stop() throws IOException {
        fx.close();
    }

    static String ts(int secondsAgo) {
        return Timestamps.formatMicros(LogEvent.toMicros(Instant.now().minusSeconds(secondsAgo)));
    }

    static String event(String msg, int secondsAgo) {
        return "{\"ts\":\"" + ts(secondsAgo) + "\",\"level\":\"INFO\",\"msg\":\"" + msg + "\",\"service\":\"shop\"}";
    }

    @Test
    void ndjsonWithBlankLinesIsStoredAndFound() {
        HttpResponse<String> r = fx.post("/api/v1/ingest",
                event("alpha one", 5) + "\n\n" + event("alpha two", 4) + "\r\n   \n" + event("alpha three", 3) + "\n",
                "Content-Type", "application/x-ndjson");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("accepted").asInt()).isEqualTo(3);
        assertThat(json(r).get("rejected")).isEmpty();
        fx.store.refreshNow();

        JsonNode found = fx.search("alpha", "");
        assertThat(found.get("events")).hasSize(3);
        // newest first, each with its id and size
        assertThat(found.get("events").get(0).get("msg").asText()).isEqualTo("alpha three");
        assertThat(found.get("events").get(0).get("_id").asText()).isNotEmpty();
        assertThat(found.get("events").get(0).get("_size").asInt()).isGreaterThan(20);
        assertThat(found.get("scanned").get("events").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(found.has("took_ms")).isTrue();
    }

    @Test
    void jsonArrayIsStored() {
        HttpResponse<String> r = fx.post("/api/v1/ingest", "[" + event("bravo one", 2) + ",\n " + event("bravo two", 1) + "]");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("accepted").asInt()).isEqualTo(2);
        fx.store.refreshNow();
        assertThat(fx.search("bravo", "").get("events")).hasSize(2);
    }

    @Test
    void gzipAndZstdBodiesAreDecoded() throws IOException {
        byte[] plain = (event("charlie gzip", 3) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(plain);
        }
        HttpResponse<String> r1 = fx.post("/api/v1/ingest", gz.toByteArray(), "Content-Encoding", "gzip");
        assertThat(r1.statusCode()).as(r1.body()).isEqualTo(200);

        byte[] zstd = Zstd.compress((event("charlie zstd", 2) + "\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r2 = fx.post("/api/v1/ingest", zstd, "Content-Encoding", "zstd");
        assertThat(r2.statusCode()).as(r2.body()).isEqualTo(200);
        fx.store.refreshNow();

        JsonNode found = fx.search("charlie", "");
        assertThat(found.get("events")).extracting(e -> e.get("msg").asText())
                .containsExactly("charlie zstd", "charlie gzip");
    }

    @Test
    void oneBrokenLineIsReportedAndTheOthersStored() {
        String body = event("delta one", 5) + "\n"
                + event("delta two", 4) + "\n"
                + "{\"msg\": \"delta broken\", \n"
                + event("delta four", 3) + "\n";
        long rejectedBefore = fx.server.metrics().collector("native").rejected();
        long storedBefore = fx.server.metrics().collector("native").events();
        HttpResponse<String> r = fx.post("/api/v1/ingest", body);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode result = json(r);
        assertThat(result.get("accepted").asInt()).isEqualTo(3);
        assertThat(result.get("rejected")).hasSize(1);
        assertThat(result.get("rejected").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(result.get("rejected").get(0).get("error").asText()).contains("invalid JSON");
        fx.store.refreshNow();
        assertThat(fx.search("delta", "").get("events")).hasSize(3);
        assertThat(fx.server.metrics().collector("native").rejected() - rejectedBefore).isEqualTo(1);
        assertThat(fx.server.metrics().collector("native").events() - storedBefore).isEqualTo(3);
    }

    @Test
    void perEventLimitsRejectTheItemWithAReason() {
        String big = "{\"msg\":\"" + "x".repeat(3000) + "\"}";
        StringBuilder many = new StringBuilder("{\"msg\":\"many\"");
        for (int i = 0; i < 25; i++) {
            many.append(",\"f").append(i).append("\":").append(i);
        }
        many.append('}');
        String longKey = "{\"msg\":\"k\",\"" + "k".repeat(40) + "\":1}";
        String deep = "{\"msg\":\"d\",\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}";
        String future = "{\"ts\":\"2999-01-01T00:00:00Z\",\"msg\":\"future\"}";
        String ancient = "{\"ts\":\"2001-01-01T00:00:00Z\",\"msg\":\"ancient\"}";
        String body = String.join("\n", event("echo ok", 1), big, many, longKey, deep, future, ancient);
        HttpResponse<String> r = fx.post("/api/v1/ingest", body);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode rejected = json(r).get("rejected");
        // The oversized event is kept, cut to the limit; every other one breaks a limit no cut can fix.
        assertThat(json(r).get("accepted").asInt()).isEqualTo(2);
        assertThat(json(r).get("truncated")).extracting(JsonNode::asInt).containsExactly(2);
        assertThat(rejected).extracting(x -> x.get("line").asInt()).containsExactly(3, 4, 5, 6, 7);
        assertThat(rejected.get(0).get("error").asText()).contains("25 fields").contains("limit of 20");
        assertThat(rejected.get(1).get("error").asText()).contains("field name").contains("limit of 32");
        assertThat(rejected.get(2).get("error").asText()).contains("nests 5 levels");
        assertThat(rejected.get(3).get("error").asText()).contains("ahead of the server clock");
        // The store's own admission rule (its accepted time window) is applied per item too.
        assertThat(rejected.get(4).get("error").asText()).contains("older than the store accepts");
    }

    @Test
    void randomBodiesNeverAnswer5xx() {
        java.util.Random random = new java.util.Random(7);
        String[] encodings = {null, "gzip", "zstd", "deflate"};
        for (int i = 0; i < 40; i++) {
            byte[] body = new byte[random.nextInt(300)];
            random.nextBytes(body);
            if (i % 4 == 1 && body.length > 0) {
                body[0] = '[';
            }
            String encoding = encodings[i % encodings.length];
            HttpResponse<String> r = encoding == null ? fx.post("/api/v1/ingest", body)
                    : fx.post("/api/v1/ingest", body, "Content-Encoding", encoding);
            assertThat(r.statusCode()).as("body %d (%s): %s", i, encoding, r.body()).isBetween(200, 499);
            HttpResponse<String> es = fx.post("/_bulk", body);
            assertThat(es.statusCode()).as("bulk body %d: %s", i, es.body()).isBetween(200, 499);
        }
    }

    @Test
    void everyItemRejectedAnswers400() {
        HttpResponse<String> r = fx.post("/api/v1/ingest", "not json\n[1,2]\n");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("accepted").asInt()).isZero();
        assertThat(json(r).get("rejected")).hasSize(2);
    }

    @Test
    void anOversizedRequestAnswers413() {
        StringBuilder body = new StringBuilder();
        while (body.length() < 70 * 1024) {
            body.append(event("foxtrot", 1)).append('\n');
        }
        HttpResponse<String> r = fx.post("/api/v1/ingest", body.toString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).get("error").asText()).contains("over the limit of 65536 bytes");
        // Streamed without a Content-Length (chunked), the cap trips while reading: still 413, with a message.
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = fx.send(java.net.http.HttpRequest.newBuilder(fx.uri("/api/v1/ingest"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(json(chunked).get("error").asText()).contains("over the limit of 65536 bytes");
    }

    @Test
    void aCompressedBombOverTheLimitAnswers413WithAMessage() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            byte[] line = (event("golf", 1) + "\n").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 2_000; i++) {
                out.write(line);
            }
        }
        assertThat(gz.size()).isLessThan(64 * 1024);
        HttpResponse<String> r = fx.post("/api/v1/ingest", gz.toByteArray(), "Content-Encoding", "gzip");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).get("error").asText()).contains("over the limit of 65536 bytes");
    }

    @Test
    void anUnknownEncodingOrCorruptBodyAnswers400NotA5xx() {
        HttpResponse<String> r1 = fx.post("/api/v1/ingest", "abc", "Content-Encoding", "br");
        assertThat(r1.statusCode()).isEqualTo(400);
        assertThat(json(r1).get("error").asText()).contains("unsupported Content-Encoding 'br'");
        HttpResponse<String> r2 = fx.post("/api/v1/ingest", "definitely not gzip", "Content-Encoding", "gzip");
        assertThat(r2.statusCode()).isEqualTo(400);
    }

    @Test
    void eventsLandInTheConfiguredTenantWhateverTheyClaim() {
        fx.ingest("{\"ts\":\"" + ts(1) + "\",\"msg\":\"hotel claims\",\"tenant\":\"someone-else\"}\n");
        JsonNode found = fx.search("hotel", "");
        assertThat(found.get("events")).hasSize(1);
        assertThat(found.get("events").get(0).get("tenant").asText()).isEqualTo("default");
    }
}
