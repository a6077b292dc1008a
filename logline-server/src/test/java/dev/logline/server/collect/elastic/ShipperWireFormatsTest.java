package dev.logline.server.collect.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.server.ServerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;

import static dev.logline.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden bulk bodies in the exact shapes the shippers people run send to Elasticsearch (action line quirks, field
 * names, headers), each acknowledged like Elasticsearch would and stored with our reserved fields filled in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShipperWireFormatsTest {

    static final String TS = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(5).toString();

    ServerFixture fx;

    @BeforeAll
    void start(@TempDir Path dir) {
        fx = new ServerFixture(dir);
    }

    @AfterAll
    void stop() throws IOException {
        fx.close();
    }

    /** name, content type, body, the word to find, expected service, host, level. */
    static Stream<Arguments> shippers() {
        return Stream.of(
                // rsyslog omelasticsearch, bulkmode="on": legacy _type, a blank line between items.
                Arguments.of("rsyslog omelasticsearch", "application/json",
                        "{\"index\":{\"_index\":\"system\",\"_type\":\"events\"}}\n"
                                + "{\"@timestamp\":\"" + TS + "\",\"host\":\"web-1\",\"severity\":\"err\","
                                + "\"facility\":\"daemon\",\"syslogtag\":\"sshd[77]:\",\"programname\":\"sshd\","
                                + "\"message\":\"rsyslogword failed password\"}\n\n",
                        "rsyslogword", null, "web-1", "ERROR"),
                // syslog-ng elasticsearch-http(): format-json --scope rfc5424 with upper-case macro names.
                Arguments.of("syslog-ng elasticsearch-http()", "application/x-ndjson",
                        "{\"index\":{\"_index\":\"syslog-ng\",\"_type\":\"_doc\"}}\n"
                                + "{\"PROGRAM\":\"cron\",\"PRIORITY\":\"notice\",\"PID\":\"4242\",\"MESSAGE\":\"syslogngword job started\","
                                + "\"HOST\":\"batch-3\",\"FACILITY\":\"cron\",\"@timestamp\":\"" + TS + "\"}\n",
                        "syslogngword", "cron", "batch-3", "INFO"),
                // Logstash elasticsearch output: null-valued keys in the action line, ECS-style host object.
                Arguments.of("Logstash", "application/json",
                        "{\"index\":{\"_id\":null,\"_index\":\"logstash-2026.11.22\",\"routing\":null}}\n"
                                + "{\"@timestamp\":\"" + TS + "\",\"@version\":\"1\",\"message\":\"logstashword order shipped\","
                                + "\"host\":{\"name\":\"app-2\"},\"event\":{\"original\":\"raw line\"},\"level\":\"WARN\"}\n",
                        "logstashword", null, "app-2", "WARN"),
                // Filebeat 8: create actions into a data stream, ECS fields nested.
                Arguments.of("Filebeat 8", "application/json",
                        "{\"create\":{\"_index\":\"filebeat-8.15.0\"}}\n"
                                + "{\"@timestamp\":\"" + TS + "\",\"message\":\"filebeatword disk almost full\","
                                + "\"log\":{\"level\":\"warning\",\"file\":{\"path\":\"/var/log/app.log\"},\"offset\":1234},"
                                + "\"service\":{\"name\":\"storage\"},\"host\":{\"name\":\"node-9\",\"os\":{\"family\":\"debian\"}},"
                                + "\"ecs\":{\"version\":\"8.0.0\"},\"agent\":{\"type\":\"filebeat\",\"version\":\"8.15.0\"}}\n",
                        "filebeatword", "storage", "node-9", "WARN"),
                // Fluent Bit es output with Logstash_Format on: Docker's "log" key holds the line.
                Arguments.of("Fluent Bit", "application/x-ndjson",
                        "{\"create\":{\"_index\":\"logstash-2026.11.22\"}}\n"
                                + "{\"@timestamp\":\"" + TS + "\",\"log\":\"fluentbitword GET /cart 200\\n\",\"stream\":\"stdout\","
                                + "\"kubernetes\":{\"pod_name\":\"cart-7d9\",\"namespace_name\":\"shop\",\"labels\":{\"app\":\"cart\"}}}\n",
                        "fluentbitword", null, null, "INFO"),
                // Vector elasticsearch sink (bulk mode): flat fields, a numeric epoch-less ISO timestamp.
                Arguments.of("Vector", "application/x-ndjson",
                        "{\"index\":{\"_index\":\"vector-2026.11.22\",\"_type\":\"_doc\"}}\n"
                                + "{\"timestamp\":\"" + TS + "\",\"message\":\"vectorword cache miss\",\"host\":\"edge-4\","
                                + "\"source_type\":\"file\",\"appname\":\"edge-cache\",\"level\":\"debug\"}\n",
                        "vectorword", "edge-cache", "edge-4", "DEBUG"),
                // The Elastic JS client (v8): compatibility content type, ECS log.level as a dotted key.
                Arguments.of("Elastic JS client", "application/vnd.elasticsearch+x-ndjson; compatible-with=8",
                        "{\"index\":{\"_index\":\"node-logs\"}}\n"
                                + "{\"@timestamp\":\"" + TS + "\",\"log.level\":\"error\",\"message\":\"jsclientword payment refused\","
                                + "\"service.name\":\"checkout-js\",\"trace.id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}\n",
                        "jsclientword", "checkout-js", null, "ERROR"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippers")
    void bulkFromShipperIsAcknowledgedAndStored(String shipper, String contentType, String body, String word,
                                                String service, String host, String level) {
        var r = fx.post("/_bulk", body, "Content-Type", contentType);
        assertThat(r.statusCode()).as(shipper + ": " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Elastic-Product")).hasValue("Elasticsearch");
        JsonNode answer = json(r);
        assertThat(answer.path("errors").asBoolean()).as(r.body()).isFalse();
        assertThat(answer.path("items")).hasSize(1);
        JsonNode item = answer.path("items").get(0);
        JsonNode result = item.has("index") ? item.get("index") : item.get("create");
        assertThat(result.path("status").asInt()).isEqualTo(201);

        fx.store.refreshNow();
        JsonNode events = fx.search(word, "").path("events");
        assertThat(events).as(shipper).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.path("msg").asText()).contains(word);
        assertThat(event.path("ts").asText()).startsWith(TS.substring(0, 19));
        assertThat(event.path("level").asText()).isEqualTo(level);
        if (service != null) {
            assertThat(event.path("service").asText()).isEqualTo(service);
        }
        if (host != null) {
            assertThat(event.path("host").asText()).isEqualTo(host);
        }
    }
}
