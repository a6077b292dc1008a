package dev.logline.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.core.redact.LeakCorpus;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.server.ServerFixture;
import dev.logline.server.SseEvents;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.logline.server.ServerFixture.enc;
import static dev.logline.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leak corpus sent through the Elasticsearch bulk and OTLP collectors of a real server: no secret in anything
 * the store holds or any API returns (search, fields, traces, context, live tail), every ordinary id verbatim.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedactionAtIngestTest {

    private final LeakCorpus corpus = LeakCorpus.load();
    private final List<LeakCorpus.Case> cases = new ArrayList<>();
    private Path dir;
    private ServerFixture fx;
    private final StringBuilder tailed = new StringBuilder();

    @BeforeAll
    void ingestTheCorpus(@TempDir Path dir) throws Exception {
        this.dir = dir;
        fx = new ServerFixture(dir, LoglineServer.builder().config(ServerConfig.defaults().withPort(0))
                .redaction(corpus.policy()));
        cases.addAll(corpus.cases());
        cases.add(corpus.ordinaryCase());
        HttpResponse<InputStream> tail = fx.http.send(HttpRequest.newBuilder(fx.uri("/api/v1/tail?q=*")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BlockingQueue<String> events = SseEvents.read(tail.body());
        assertThat(events.poll(5, TimeUnit.SECONDS)).startsWith("ready\t");

        HttpResponse<String> bulk = fx.post("/_bulk", bulkBody(), "Content-Type", "application/x-ndjson");
        assertThat(bulk.statusCode()).isEqualTo(200);
        assertThat(json(bulk).get("errors").asBoolean()).as(bulk.body()).isFalse();
        HttpResponse<String> otlp = fx.post("/v1/logs", otlpBody(), "Content-Type", "application/x-protobuf");
        assertThat(otlp.statusCode()).as(otlp.body()).isEqualTo(200);
        fx.store.refreshNow();

        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int seen = 0;
        while (seen < 2 * cases.size() && System.nanoTime() < until) {
            String e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e != null && e.startsWith("log\t")) {
                seen++;
                tailed.append(decoded(ServerFixture.JSON.readTree(e.substring(4))));
            }
        }
        tail.body().close();
        assertThat(seen).isEqualTo(2 * cases.size());
    }

    @AfterAll
    void stop() throws IOException {
        fx.close();
    }

    @Test
    void noSecretInSearchFieldsTracesContextOrTheLiveTail() {
        JsonNode search = fx.search("*", "&limit=1000");
        assertThat(search.get("events")).hasSize(2 * cases.size());
        List<String> answers = new ArrayList<>();
        answers.add(decoded(search));
        answers.add(decoded(ok("/api/v1/fields?last=1h&q=*")));
        answers.add(decoded(ok("/api/v1/traces?last=1h&field=service&value=corpus-es")));
        answers.add(decoded(ok("/api/v1/traces?last=1h&field=service&value=corpus-otlp")));
        for (JsonNode e : search.get("events")) {
            answers.add(decoded(ok("/api/v1/context/" + enc(e.get("_id").asText()) + "?before=50&after=50")));
        }
        answers.add(tailed.toString());
        for (String answer : answers) {
            for (String secret : corpus.secrets()) {
                assertThat(answer).doesNotContain(secret);
            }
        }
        assertThat(answers.get(0)).contains("[REDACTED:card]").contains("[REDACTED:email]")
                .contains("[REDACTED:iban]").contains("[REDACTED:jwt]").contains("[REDACTED:cloud_key]");
    }

    @Test
    void everyOrdinaryIdComesBackVerbatimFromBothCollectors() {
        for (String service : List.of("corpus-es", "corpus-otlp")) {
            String found = decoded(fx.search("service:" + service + " \"ids\"", ""));
            for (String id : corpus.ordinary()) {
                assertThat(found).as(service).contains(id);
            }
            assertThat(fx.search("service:" + service + " ORD-2026-000123", "").get("events").size())
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void noSecretInTheStoresFiles() throws IOException {
        fx.store.refreshNow();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                for (String secret : corpus.secrets()) {
                    assertThat(bytes).as(p.toString()).doesNotContain(secret);
                }
            }
        }
    }

    private JsonNode ok(String pathAndQuery) {
        HttpResponse<String> r = fx.get(pathAndQuery);
        assertThat(r.statusCode()).as(pathAndQuery + " " + r.body()).isEqualTo(200);
        return json(r);
    }

    /** Every field name and value of a JSON answer as decoded text, so an escaped secret is still seen. */
    private static String decoded(JsonNode node) {
        StringBuilder b = new StringBuilder();
        collect(node, b);
        return b.toString();
    }

    private static void collect(JsonNode n, StringBuilder b) {
        if (n.isObject()) {
            n.fields().forEachRemaining(f -> {
                b.append(f.getKey()).append('\n');
                collect(f.getValue(), b);
            });
        } else if (n.isArray()) {
            n.forEach(c -> collect(c, b));
        } else {
            b.append(n.asText()).append('\n');
        }
    }

    private String bulkBody() throws IOException {
        StringBuilder b = new StringBuilder();
        String now = Instant.now().toString();
        for (LeakCorpus.Case c : cases) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("@timestamp", now);
            doc.put("message", c.msg());
            doc.put("service", Map.of("name", "corpus-es"));
            doc.putAll(c.attributes());
            if (c.errorType() != null) {
                doc.put("error", Map.of("type", c.errorType(), "message", c.errorMessage()));
            }
            b.append("{\"index\":{\"_index\":\"shop-logs\"}}\n").append(ServerFixture.JSON.writeValueAsString(doc))
                    .append('\n');
        }
        return b.toString();
    }

    private byte[] otlpBody() {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        long now = Instant.now().toEpochMilli() * 1_000_000L;
        for (LeakCorpus.Case c : cases) {
            LogRecord.Builder r = LogRecord.newBuilder().setTimeUnixNano(now)
                    .setSeverityText(c.errorType() == null ? "INFO" : "ERROR")
                    .setBody(AnyValue.newBuilder().setStringValue(c.msg()));
            c.attributes().forEach((k, v) -> r.addAttributes(KeyValue.newBuilder().setKey(k).setValue(any(v))));
            if (c.errorType() != null) {
                r.addAttributes(KeyValue.newBuilder().setKey("exception.type").setValue(any(c.errorType())));
                r.addAttributes(KeyValue.newBuilder().setKey("exception.message").setValue(any(c.errorMessage())));
            }
            scope.addLogRecords(r);
        }
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(any("corpus-otlp"))))
                .addScopeLogs(scope)).build().toByteArray();
    }

    private static AnyValue any(Object v) {
        if (v instanceof Map<?, ?> m) {
            KeyValueList.Builder kv = KeyValueList.newBuilder();
            m.forEach((k, x) -> kv.addValues(KeyValue.newBuilder().setKey(String.valueOf(k)).setValue(any(x))));
            return AnyValue.newBuilder().setKvlistValue(kv).build();
        }
        if (v instanceof List<?> l) {
            ArrayValue.Builder a = ArrayValue.newBuilder();
            l.forEach(x -> a.addValues(any(x)));
            return AnyValue.newBuilder().setArrayValue(a).build();
        }
        if (v instanceof Long || v instanceof Integer) {
            return AnyValue.newBuilder().setIntValue(((Number) v).longValue()).build();
        }
        return AnyValue.newBuilder().setStringValue(String.valueOf(v)).build();
    }
}
