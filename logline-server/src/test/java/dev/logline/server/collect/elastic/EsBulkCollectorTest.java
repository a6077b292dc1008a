package dev.logline.server.collect.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.core.LogEvent;
import dev.logline.core.Timestamps;
import dev.logline.server.ServerFixture;
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

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;

import static dev.logline.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EsBulkCollectorTest {

    ServerFixture fx;

    @BeforeAll
    void start(@TempDir Path dir) {
        // One server for the class (starting one is the slow part); each test uses its own words.
        fx = new ServerFixture(dir);
    }

    @AfterAll
    void stop() throws IOException {
        fx.close();
    }

    static String ts(int secondsAgo) {
        return Timestamps.formatMicros(LogEvent.toMicros(Instant.now().minusSeconds(secondsAgo)));
    }

    @Test
    void rsyslogStyleBulkWithBlankLinesUnknownKeysAndCompatContentType() {
        // rsyslog's omelasticsearch puts blank lines between items; Filebeat sends pipeline/require_alias keys.
        String body = "{\"index\":{\"_index\":\"syslog-2026.11.23\",\"_type\":\"_doc\",\"pipeline\":\"p1\"}}\n"
                + "{\"@timestamp\":\"" + ts(3) + "\",\"message\":\"india from rsyslog\",\"host\":\"node-1\","
                + "\"severity\":\"warning\"}\n"
                + "\n"
                + "{\"create\":{\"_index\":\"filebeat-8.15.0\",\"_id\":\"given-id\",\"require_alias\":false}}\n"
                + "{\"@timestamp\":\"" + ts(2) + "\",\"message\":\"india from filebeat\",\"log.level\":\"error\","
                + "\"service.name\":\"checkout\"}\n"
                + "\n"
                + "{\"index\":{}}\n"
                + "{\"message\":\"india broken\", \"@timestamp\": }\n"
                + "{\"delete\":{\"_index\":\"x\",\"_id\":\"1\"}}\n";
        HttpResponse<String> r = fx.send(HttpRequest.newBuilder(fx.uri("/_bulk"))
                .header("Content-Type", "application/vnd.elasticsearch+x-ndjson; compatible-with=8")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-elastic-product")).hasValue("Elasticsearch");
        JsonNode res = json(r);
        assertThat(res.get("took").isNumber()).isTrue();
        assertThat(res.get("errors").asBoolean()).isTrue();
        JsonNode items = res.get("items");
        assertThat(items).hasSize(4);
        assertThat(items.get(0).get("index").get("_index").asText()).isEqualTo("syslog-2026.11.23");
        assertThat(items.get(0).get("index").get("status").asInt()).isEqualTo(201);
        assertThat(items.get(0).get("index").get("_id").asText()).hasSize(20);
        assertThat(items.get(1).get("create").get("_id").asText()).isEqualTo("given-id");
        assertThat(items.get(1).get("create").get("status").asInt()).isEqualTo(201);
        assertThat(items.get(2).get("index").get("status").asInt()).isEqualTo(400);
        assertThat(items.get(2).get("index").get("_index").asText()).isEqualTo("logline");
        assertThat(items.get(2).get("index").get("error").get("type").asText()).isEqualTo("document_parsing_exception");
        assertThat(items.get(2).get("index").get("error").get("reason").asText()).isNotBlank();
        assertThat(items.get(3).get("delete").get("status").asInt()).isEqualTo(400);

        fx.store.refreshNow();
        JsonNode found = fx.search("india", "");
        assertThat(found.get("events")).hasSize(2);
        JsonNode filebeat = found.get("events").get(0);
        assertThat(filebeat.get("msg").asText()).isEqualTo("india from filebeat");
        assertThat(filebeat.get("level").asText()).isEqualTo("ERROR");
        assertThat(filebeat.get("service").asText()).isEqualTo("checkout");
        assertThat(filebeat.get("es_index").asText()).isEqualTo("filebeat-8.15.0");
        assertThat(found.get("events").get(1).get("level").asText()).isEqualTo("WARN");
    }

    @Test
    void indexInThePathIsTheDefaultIndex() {
        String body = "{\"index\":{}}\n{\"message\":\"juliet path\",\"@timestamp\":\"" + ts(1) + "\"}\n";
        HttpResponse<String> r = fx.post("/app-logs/_bulk", body, "Content-Type", "application/x-ndjson");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("errors").asBoolean()).isFalse();
        assertThat(json(r).get("items").get(0).get("index").get("_index").asText()).isEqualTo("app-logs");
        fx.store.refreshNow();
        assertThat(fx.search("juliet", "").get("events").get(0).get("es_index").asText()).isEqualTo("app-logs");
    }

    @Test
    void aMalformedActionLineFailsTheRequestWith400InElasticsearchShape() {
        HttpResponse<String> r = fx.post("/_bulk", "{\"upsert\":{}}\n{\"message\":\"x\"}\n");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("x-elastic-product")).hasValue("Elasticsearch");
        JsonNode error = json(r).get("error");
        assertThat(error.get("type").asText()).isEqualTo("illegal_argument_exception");
        assertThat(error.get("reason").asText()).contains("line [1]").contains("upsert");
        assertThat(json(r).get("status").asInt()).isEqualTo(400);
    }

    @Test
    void rootAnswersLikeAnElasticsearch8Node() {
        HttpResponse<String> r = fx.get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-elastic-product")).hasValue("Elasticsearch");
        assertThat(json(r).get("version").get("number").asText()).isEqualTo("8.15.0");
        assertThat(json(r).get("tagline").asText()).isEqualTo("You Know, for Search");
    }

    @Test
    void setupCallsOfShippersSucceedAndAreRemembered() {
        HttpResponse<String> missing = fx.get("/_index_template/filebeat-8.15.0");
        assertThat(missing.statusCode()).isEqualTo(404);
        HttpResponse<String> put = fx.send(HttpRequest.newBuilder(fx.uri("/_index_template/filebeat-8.15.0"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"index_patterns\":[\"filebeat-*\"],\"data_stream\":{}}")));
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(json(put).get("acknowledged").asBoolean()).isTrue();
        HttpResponse<String> head = fx.send(HttpRequest.newBuilder(fx.uri("/_index_template/filebeat-8.15.0"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        JsonNode got = json(fx.get("/_index_template/filebeat-8.15.0"));
        assertThat(got.get("index_templates").get(0).get("name").asText()).isEqualTo("filebeat-8.15.0");

        HttpResponse<String> ilm = fx.send(HttpRequest.newBuilder(fx.uri("/_ilm/policy/filebeat"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"policy\":{\"phases\":{}}}")));
        assertThat(ilm.statusCode()).isEqualTo(200);
        assertThat(json(fx.get("/_ilm/policy/filebeat")).get("filebeat").get("policy").has("phases")).isTrue();

        assertThat(json(fx.get("/_license")).get("license").get("status").asText()).isEqualTo("active");
        assertThat(json(fx.get("/_cluster/health")).get("status").asText()).isEqualTo("green");
        assertThat(json(fx.get("/_xpack")).has("features")).isTrue();
        assertThat(json(fx.get("/_nodes/http")).get("nodes").size()).isEqualTo(1);
        HttpResponse<String> index = fx.send(HttpRequest.newBuilder(fx.uri("/my-index"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(json(index).get("acknowledged").asBoolean()).isTrue();
        assertThat(index.headers().firstValue("x-elastic-product")).hasValue("Elasticsearch");
    }

    @Test
    void theOfficialLowLevelRestClientBulks() throws IOException {
        try (RestClient client = RestClient.builder(new HttpHost("127.0.0.1", fx.server.port(), "http")).build()) {
            Response info = client.performRequest(new Request("GET", "/"));
            assertThat(EntityUtils.toString(info.getEntity())).contains("8.15.0");
            Request bulk = new Request("POST", "/_bulk");
            bulk.addParameter("refresh", "false");
            bulk.setJsonEntity("{\"index\":{\"_index\":\"client-logs\"}}\n"
                    + "{\"@timestamp\":\"" + ts(2) + "\",\"message\":\"kilo via rest client\",\"user\":\"paul\"}\n"
                    + "{\"create\":{\"_index\":\"client-logs\"}}\n"
                    + "{\"@timestamp\":\"" + ts(1) + "\",\"message\":\"kilo again\",\"latency_ms\":12.5}\n");
            Response response = client.performRequest(bulk);
            assertThat(response.getStatusLine().getStatusCode()).isEqualTo(200);
            JsonNode res = ServerFixture.JSON.readTree(EntityUtils.toString(response.getEntity()));
            assertThat(res.get("errors").asBoolean()).isFalse();
            assertThat(res.get("items")).hasSize(2);
        }
        fx.store.refreshNow();
        JsonNode found = fx.search("kilo", "");
        assertThat(found.get("events")).hasSize(2);
        assertThat(found.get("events").get(1).get("user").asText()).isEqualTo("paul");
        assertThat(found.get("events").get(0).get("latency_ms").asDouble()).isEqualTo(12.5);
    }
}
