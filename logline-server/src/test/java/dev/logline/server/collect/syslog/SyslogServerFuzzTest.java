package dev.logline.server.collect.syslog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.core.fuzz.FuzzInputs;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.server.ServerFixture;
import dev.logline.server.collect.CollectorSamples;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Syslog fuzzed through a real {@code LoglineServer}'s listener: damaged framed streams over TCP (each on its own
 * connection) and damaged datagrams over UDP. Syslog cannot answer a sender, so the property is the listener's
 * health: every connection is accepted, and after each property a well-formed message over each transport is stored
 * and found by the search API.
 */
class SyslogServerFuzzTest {

    private static ServerFixture fx;

    @BeforeContainer
    static void start() throws IOException {
        fx = ServerFixture.inTemporaryFolder(LoglineServer.builder().config(ServerConfig.defaults().withPort(0))
                .syslog(SyslogConfig.defaults().withEnabled(true).withBindAddress("127.0.0.1").withPort(0)));
    }

    @AfterContainer
    static void stop() throws IOException {
        fx.close();
    }

    @AfterProperty
    void stillListening() throws Exception {
        String tcpWord = "tcp" + UUID.randomUUID().toString().replace("-", "");
        String udpWord = "udp" + UUID.randomUUID().toString().replace("-", "");
        tcp(("<13>1 - host app - - - " + tcpWord + "\n").getBytes(StandardCharsets.UTF_8));
        // A current time: an RFC 3164 date months old would fall outside retention and be refused at write time.
        String now = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH).format(ZonedDateTime.now(ZoneOffset.UTC));
        udp(("<13>" + now + " host app: " + udpWord).getBytes(StandardCharsets.UTF_8));
        awaitFound(tcpWord);
        awaitFound(udpWord);
    }

    @Provide
    Arbitrary<byte[]> streams() {
        List<byte[]> framed = new ArrayList<>();
        StringBuilder octets = new StringBuilder();
        StringBuilder lines = new StringBuilder();
        for (String s : CollectorSamples.syslog().subList(0, 6)) {
            octets.append(s.getBytes(StandardCharsets.UTF_8).length).append(' ').append(s);
            lines.append(s).append('\n');
        }
        framed.add(octets.toString().getBytes(StandardCharsets.UTF_8));
        framed.add(lines.toString().getBytes(StandardCharsets.UTF_8));
        framed.add(lines.toString().replace('\n', '\0').getBytes(StandardCharsets.UTF_8));
        return FuzzInputs.of(framed, 512);
    }

    @Provide
    Arbitrary<byte[]> datagrams() {
        return FuzzInputs.of(CollectorSamples.syslog().stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList(), 512);
    }

    @Property
    void tcpStreams(@ForAll("streams") byte[] stream) throws IOException {
        tcp(stream);
    }

    @Property
    void udpDatagrams(@ForAll("datagrams") byte[] datagram) throws IOException {
        udp(datagram);
    }

    private static void tcp(byte[] bytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", fx.server.syslog().tcpPort()); OutputStream out = socket.getOutputStream()) {
            out.write(bytes);
            out.flush();
        }
    }

    private static void udp(byte[] bytes) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), fx.server.syslog().udpPort()));
        }
    }

    /** Syslog is not acknowledged: wait, bounded, until the listener's batch is searchable. */
    private static void awaitFound(String word) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            fx.store.refreshNow();
            JsonNode events = ServerFixture.json(fx.get("/api/v1/search?last=3650d&q=" + ServerFixture.enc(word)))
                    .path("events");
            if (events.size() > 0 || System.nanoTime() > deadline) {
                assertThat(events).as("the well-formed message %s after the fuzzing", word).hasSize(1);
                return;
            }
            Thread.sleep(50);
        }
    }
}
