package dev.logline.server.collect.syslog;

import com.cloudbees.syslog.Facility;
import com.cloudbees.syslog.MessageFormat;
import com.cloudbees.syslog.SDElement;
import com.cloudbees.syslog.SDParam;
import com.cloudbees.syslog.Severity;
import com.cloudbees.syslog.SyslogMessage;
import com.cloudbees.syslog.sender.TcpSyslogMessageSender;
import com.cloudbees.syslog.sender.UdpSyslogMessageSender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.server.ServerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real syslog client library (CloudBees' syslog-java-client, as used by Jenkins) sends to the server's syslog
 * listener over TCP, newline-framed RFC 5424 and octet-counted RFC 5425 framing, and over UDP in RFC 5424 and
 * RFC 3164; every message comes back from the search API with its host, app, severity and structured data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyslogJavaClientTest {

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
    void tcpRfc5424NewlineFramedMessagesAreStored() throws Exception {
        Instant sent = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (TcpSyslogMessageSender sender = tcpSender(MessageFormat.RFC_5424)) {
            sender.sendMessage(new SyslogMessage()
                    .withTimestamp(sent.toEpochMilli())
                    .withFacility(Facility.LOCAL4)
                    .withSeverity(Severity.WARNING)
                    .withHostname("node-7")
                    .withAppName("inventory")
                    .withProcId("4242")
                    .withMsgId("STOCK")
                    .withSDElement(new SDElement("origin@32473", new SDParam("region", "eu-1"), new SDParam("rack", "r\"7]")))
                    .withMsg("cbtcpword stock low for sku 42"));
            sender.sendMessage(new SyslogMessage()
                    .withFacility(Facility.DAEMON)
                    .withSeverity(Severity.CRITICAL)
                    .withHostname("node-7")
                    .withAppName("inventory")
                    .withMsg("cbtcpword warehouse offline"));
        }

        JsonNode low = awaitOnly("cbtcpword AND stock");
        assertThat(low.path("host").asText()).isEqualTo("node-7");
        assertThat(low.path("service").asText()).isEqualTo("inventory");
        assertThat(low.path("level").asText()).isEqualTo("WARN");
        assertThat(low.path("msg").asText()).isEqualTo("cbtcpword stock low for sku 42");
        assertThat(low.path("procid").asText()).isEqualTo("4242");
        assertThat(low.path("msgid").asText()).isEqualTo("STOCK");
        assertThat(low.path("sd.origin@32473.region").asText()).isEqualTo("eu-1");
        // The client escapes '"' and ']' in PARAM-VALUE; the listener must undo exactly that.
        assertThat(low.path("sd.origin@32473.rack").asText()).isEqualTo("r\"7]");
        assertThat(Instant.parse(low.path("ts").asText())).isEqualTo(sent);

        JsonNode offline = awaitOnly("cbtcpword AND offline");
        assertThat(offline.path("level").asText()).isEqualTo("FATAL");
    }

    @Test
    void tcpOctetCountedFramesCarryEmbeddedNewlines() throws Exception {
        try (TcpSyslogMessageSender sender = tcpSender(MessageFormat.RFC_5425)) {
            sender.sendMessage(new SyslogMessage()
                    .withFacility(Facility.USER)
                    .withSeverity(Severity.ERROR)
                    .withHostname("node-9")
                    .withAppName("ordering")
                    .withMsg("cboctetword order failed\n\tat shop.Ordering.place(Ordering.java:12)"));
        }

        JsonNode event = awaitOnly("cboctetword");
        assertThat(event.path("service").asText()).isEqualTo("ordering");
        assertThat(event.path("level").asText()).isEqualTo("ERROR");
        assertThat(event.path("msg").asText()).isEqualTo("cboctetword order failed\n\tat shop.Ordering.place(Ordering.java:12)");
    }

    @Test
    void udpMessagesInBothFormatsAreStored() throws Exception {
        UdpSyslogMessageSender sender = new UdpSyslogMessageSender();
        try {
            sender.setSyslogServerHostname("127.0.0.1");
            sender.setSyslogServerPort(fx.server.syslog().udpPort());
            sender.setMessageFormat(MessageFormat.RFC_5424);
            sender.sendMessage(new SyslogMessage().withFacility(Facility.LOCAL0).withSeverity(Severity.NOTICE)
                    .withHostname("edge-1").withAppName("gateway").withMsg("cbudpword route reloaded"));
            sender.setMessageFormat(MessageFormat.RFC_3164);
            sender.sendMessage(new SyslogMessage().withFacility(Facility.AUTH).withSeverity(Severity.ALERT)
                    .withHostname("edge-2").withAppName("sshd").withMsg("cbbsdword too many failures"));
        } finally {
            sender.close();
        }

        JsonNode rfc5424 = awaitOnly("cbudpword");
        assertThat(rfc5424.path("host").asText()).isEqualTo("edge-1");
        assertThat(rfc5424.path("service").asText()).isEqualTo("gateway");
        assertThat(rfc5424.path("level").asText()).isEqualTo("INFO");

        JsonNode rfc3164 = awaitOnly("cbbsdword");
        assertThat(rfc3164.path("host").asText()).isEqualTo("edge-2");
        assertThat(rfc3164.path("service").asText()).isEqualTo("sshd");
        assertThat(rfc3164.path("level").asText()).isEqualTo("FATAL");
        assertThat(rfc3164.path("msg").asText()).isEqualTo("cbbsdword too many failures");
    }

    private TcpSyslogMessageSender tcpSender(MessageFormat format) {
        TcpSyslogMessageSender sender = new TcpSyslogMessageSender();
        sender.setSyslogServerHostname("127.0.0.1");
        sender.setSyslogServerPort(fx.server.syslog().tcpPort());
        sender.setMessageFormat(format);
        sender.setSsl(false);
        sender.setMaxRetryCount(0);
        return sender;
    }

    /** Syslog has no acknowledgement, so wait (bounded) until the listener's batch is searchable. */
    private JsonNode awaitOnly(String lql) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            fx.store.refreshNow();
            JsonNode events = fx.search(lql, "").path("events");
            if (events.size() > 0 || System.nanoTime() > deadline) {
                assertThat(events).as("events matching %s", lql).hasSize(1);
                return events.get(0);
            }
            Thread.sleep(50);
        }
    }
}
