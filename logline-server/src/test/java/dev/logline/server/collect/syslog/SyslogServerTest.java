package dev.logline.server.collect.syslog;

import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.server.collect.RecordingStore;
import dev.logline.server.ingest.IngestLimits;
import dev.logline.server.ingest.IngestPipeline;
import dev.logline.server.metrics.IngestMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Plain sockets as syslog clients (what rsyslog's omfwd and logger(1) do) against a real listener. */
class SyslogServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final RecordingStore sink = new RecordingStore();
    private final IngestMetrics metrics = new IngestMetrics();
    private final IngestPipeline pipeline = new IngestPipeline(sink, IngestLimits.defaults(), metrics);
    private SyslogServer server;

    private SyslogServer start(SyslogConfig config) throws Exception {
        server = new SyslogServer(config.withEnabled(true).withBindAddress("127.0.0.1").withPort(0)
                .withLinger(Duration.ofMillis(20)), pipeline);
        server.start();
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Polls the server's counters (bounded) until the condition holds. */
    private void awaitStats(java.util.function.Predicate<SyslogStats> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.test(server.stats()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static byte[] octetCounted(String message) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (body.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, frame, 0, prefix.length);
        System.arraycopy(body, 0, frame, prefix.length, body.length);
        return frame;
    }

    @Test
    void rfc5424OverTcpInBothFramings() throws Exception {
        start(SyslogConfig.defaults().withTenant("infra"));
        try (Socket socket = new Socket("127.0.0.1", server.tcpPort()); OutputStream out = socket.getOutputStream()) {
            out.write(octetCounted("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
                    + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\"] An application event"));
            out.write("<11>1 2026-11-22T10:00:00Z node-1 payments 42 - - card declined\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        List<LogEvent> events = sink.awaitEvents(2, WAIT);

        assertThat(events).hasSize(2);
        assertThat(sink.calls()).allSatisfy(c -> assertThat(c.tenant()).isEqualTo("infra"));
        awaitStats(st -> metrics.collector("syslog").events() >= 2);
        assertThat(metrics.collector("syslog").events()).isEqualTo(2);
        assertThat(events.get(0).service()).isEqualTo("evntslog");
        assertThat(events.get(0).attributes()).containsEntry("sd.exampleSDID@32473.eventSource", "Application");
        assertThat(events.get(1).level()).isEqualTo(Level.ERROR);
        assertThat(events.get(1).host()).isEqualTo("node-1");
        assertThat(events.get(1).msg()).isEqualTo("card declined");
        assertThat(server.stats().received()).isEqualTo(2);
    }

    @Test
    void rfc5424OverUdp() throws Exception {
        start(SyslogConfig.defaults());
        byte[] datagram = "<14>1 2026-11-22T10:00:00.5Z node-2 inventory - - - stock low\n".getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket()) {
            // UDP may drop a datagram even on loopback; resend (bounded) until one arrives.
            for (int i = 0; i < 20 && sink.events().isEmpty(); i++) {
                socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), server.udpPort()));
                sink.awaitEvents(1, Duration.ofMillis(250));
            }
        }

        LogEvent e = sink.awaitEvents(1, WAIT).get(0);
        assertThat(e.service()).isEqualTo("inventory");
        assertThat(e.host()).isEqualTo("node-2");
        assertThat(e.msg()).isEqualTo("stock low");
        assertThat(e.tsMicros()).isEqualTo(LogEvent.toMicros(java.time.Instant.parse("2026-11-22T10:00:00.5Z")));
    }

    @Test
    void batchesManyMessagesAndCutsOversizedOnes() throws Exception {
        start(SyslogConfig.defaults().withBatchSize(100).withMaxMessageBytes(1024).withUdp(false));
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            stream.append("<13>Oct 11 22:14:15 host app[").append(i).append("]: message ").append(i).append('\n');
        }
        stream.append("<13>").append("z".repeat(5_000)).append('\n');
        try (Socket socket = new Socket("127.0.0.1", server.tcpPort()); OutputStream out = socket.getOutputStream()) {
            out.write(stream.toString().getBytes(StandardCharsets.UTF_8));
        }

        List<LogEvent> events = sink.awaitEvents(1_001, WAIT);

        assertThat(events).hasSize(1_001);
        assertThat(events.get(999).msg()).isEqualTo("message 999");
        assertThat(events.get(1_000).msg()).startsWith("zzz").hasSizeLessThan(1024);
        assertThat(events.get(1_000).attributes()).containsEntry("_truncated", true);
        assertThat(sink.calls()).allSatisfy(c -> assertThat(c.events().size()).isLessThanOrEqualTo(100));
        // The sink records a batch before its future completes, so the stored count may trail the events a little.
        awaitStats(s -> s.oversized() >= 1 && s.stored() >= 1_001);
        assertThat(server.stats().oversized()).isEqualTo(1);
        assertThat(server.stats().stored()).isEqualTo(1_001);
        assertThat(server.stats().rejected()).isZero();
        assertThat(server.udpPort()).isEqualTo(-1);
    }

    @Test
    void connectionsBeyondTheLimitAreRefusedAndCounted() throws Exception {
        start(SyslogConfig.defaults().withMaxConnections(1).withUdp(false));
        try (Socket first = new Socket("127.0.0.1", server.tcpPort())) {
            first.getOutputStream().write("<13>held open\n".getBytes(StandardCharsets.UTF_8));
            sink.awaitEvents(1, WAIT);
            try (Socket second = new Socket("127.0.0.1", server.tcpPort())) {
                assertThat(second.getInputStream().read()).as("closed by the server").isEqualTo(-1);
            }
        }
        assertThat(server.stats().refused()).isEqualTo(1);
    }

    @Test
    void underBackpressureABatchIsRetriedAfterRetryAfter() throws Exception {
        start(SyslogConfig.defaults().withUdp(false));
        sink.beBusy(Duration.ZERO);
        try (Socket socket = new Socket("127.0.0.1", server.tcpPort())) {
            socket.getOutputStream().write("<13>first try fails\n".getBytes(StandardCharsets.UTF_8));
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (sink.refusals() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sink.refusals()).isEqualTo(1);
        sink.beReady(); // the sink recovers before the retry (Retry-After is at least a second)

        assertThat(sink.awaitEvents(1, WAIT)).extracting(LogEvent::msg).containsExactly("first try fails");
        assertThat(server.stats().dropped()).isZero();
    }

    @Test
    void closeSendsWhatIsPending() throws Exception {
        server = new SyslogServer(SyslogConfig.defaults().withEnabled(true).withBindAddress("127.0.0.1").withPort(0)
                .withLinger(Duration.ofHours(1)).withBatchSize(1_000).withUdp(false), pipeline);
        server.start();
        try (Socket socket = new Socket("127.0.0.1", server.tcpPort())) {
            socket.getOutputStream().write("<13>pending at shutdown\n".getBytes(StandardCharsets.UTF_8));
        }
        awaitStats(s -> s.received() >= 1);
        assertThat(sink.events()).isEmpty();

        server.close();

        assertThat(sink.events()).extracting(LogEvent::msg).containsExactly("pending at shutdown");
    }

    @Test
    void isOffByDefault() {
        assertThat(SyslogConfig.defaults().enabled()).isFalse();
        assertThat(SyslogConfig.defaults().port()).isEqualTo(5514);
    }
}
