package dev.logline.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.server.collect.syslog.SyslogConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every collector the server mounts by default, end to end: a request in each wire format is acknowledged and its
 * event comes back from the search API of the same server, stored in the real column store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllCollectorsEndToEndTest {

    ServerFixture fx;

    @BeforeAll
    void start(@TempDir Path dir) {
        fx = new ServerFixture(dir, LoglineServer.builder()
                .config(ServerConfig.defaults().withPort(0))
                .syslog(SyslogConfig.defaults().withEnabled(true).withBindAddress("127.0.0.1").withPort(0)));
    }

    @AfterAll
    void stop() throws IOException {
        fx.close();
    }

    @Test
    void lokiJsonPushIsStoredWithItsLabels() {
        long ns = Instant.now().toEpochMilli() * 1_000_000L;
        String body = "{\"streams\":[{\"stream\":{\"service_name\":\"checkout\",\"level\":\"warn\",\"cluster\":\"eu-1\"},"
                + "\"values\":[[\"" + ns + "\",\"lokiword cart abandoned\"]]}]}";
        var r = fx.post("/loki/api/v1/push", body, "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(204);

        JsonNode event = only("lokiword");
        assertThat(event.path("service").asText()).isEqualTo("checkout");
        assertThat(event.path("level").asText()).isEqualTo("WARN");
        assertThat(event.path("cluster").asText()).isEqualTo("eu-1");
    }

    @Test
    void otlpJsonExportIsStoredWithResourceAndTrace() {
        long ns = Instant.now().toEpochMilli() * 1_000_000L;
        String body = "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"payments\"}}]},"
                + "\"scopeLogs\":[{\"scope\":{\"name\":\"shop.payments.Charge\"},\"logRecords\":[{\"timeUnixNano\":\"" + ns + "\","
                + "\"severityNumber\":17,\"severityText\":\"ERROR\",\"body\":{\"stringValue\":\"otlpword card declined\"},"
                + "\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\","
                + "\"attributes\":[{\"key\":\"amount\",\"value\":{\"doubleValue\":250.5}}]}]}]}]}";
        var r = fx.post("/v1/logs", body, "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(200);

        JsonNode event = only("otlpword");
        assertThat(event.path("service").asText()).isEqualTo("payments");
        assertThat(event.path("level").asText()).isEqualTo("ERROR");
        assertThat(event.path("logger").asText()).isEqualTo("shop.payments.Charge");
        assertThat(event.path("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(event.path("amount").asDouble()).isEqualTo(250.5);
    }

    @Test
    void syslogOverTcpAndUdpIsStored() throws Exception {
        int port = fx.server.syslog().tcpPort();
        try (Socket socket = new Socket("127.0.0.1", port); OutputStream out = socket.getOutputStream()) {
            String line = "<165>1 2026-11-22T10:00:00.123Z node-7 inventory 42 ID47 - tcpsyslogword stock low";
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            out.write((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        }
        byte[] udp = "<11>Nov 22 10:00:01 node-8 ordering[77]: udpsyslogword order failed".getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(udp, udp.length, InetAddress.getLoopbackAddress(), fx.server.syslog().udpPort()));
        }

        JsonNode tcp = awaitOnly("tcpsyslogword", "last=3650d");
        assertThat(tcp.path("host").asText()).isEqualTo("node-7");
        assertThat(tcp.path("service").asText()).isEqualTo("inventory");
        assertThat(tcp.path("level").asText()).isEqualTo("INFO");

        JsonNode fromUdp = awaitOnly("udpsyslogword", "last=3650d");
        assertThat(fromUdp.path("host").asText()).isEqualTo("node-8");
        assertThat(fromUdp.path("service").asText()).isEqualTo("ordering");
        assertThat(fromUdp.path("level").asText()).isEqualTo("ERROR");
    }

    private JsonNode only(String word) {
        fx.store.refreshNow();
        JsonNode events = fx.search(word, "").path("events");
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    /** Syslog cannot be acknowledged, so wait (bounded) until the listener's batch is searchable. */
    private JsonNode awaitOnly(String word, String range) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            fx.store.refreshNow();
            var r = fx.get("/api/v1/search?" + range + "&q=" + ServerFixture.enc(word));
            JsonNode events = ServerFixture.json(r).path("events");
            if (events.size() > 0 || System.nanoTime() > deadline) {
                assertThat(events).as("events matching %s", word).hasSize(1);
                return events.get(0);
            }
            Thread.sleep(Duration.ofMillis(100).toMillis());
        }
    }
}
