package dev.logline.it;

import ch.qos.logback.core.status.Status;
import dev.logline.core.LogEvent;
import dev.logline.logback.appender.LoglineAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The disk spool end to end: an application logs while the server is down and stops; a new instance of the
 * application over the same spool directory (its "restart") delivers what was spooled, in order.
 */
class SpoolReplayTest {

    @TempDir
    Path data;
    @TempDir
    Path spool;

    /** Logs {@code n} events as worker 0 and stops the application, the server being down all along. */
    private LoglineAppender logWhileServerIsDown(RunningServer server, int n, Map<String, String> settings)
            throws Exception {
        server.stop();
        try (ShippingApp app = ShippingApp.start(server.url(), spool, settings)) {
            Logger log = app.logger("shop.orders");
            for (int i = 0; i < n; i++) {
                log.atInfo().addKeyValue("worker", 0).addKeyValue("seq", i).log("order {}", i);
            }
            return app.appender();
        } finally {
            server.restart();
        }
    }

    @Test
    void aRestartedApplicationReplaysItsSpoolExactlyOnceAndInOrderBeforeNewEvents() throws Exception {
        try (RunningServer server = RunningServer.start(data)) {
            LoglineAppender first = logWhileServerIsDown(server, 2_000, Map.of());
            assertThat(first.metrics().getSpooled()).isEqualTo(2_000);
            assertThat(first.metrics().getSent()).isZero();

            try (ShippingApp restarted = ShippingApp.start(server.url(), spool, Map.of())) {
                restarted.logger("shop.orders").atInfo().addKeyValue("worker", 0).addKeyValue("seq", 2_000)
                        .log("after the restart");
                assertThat(RunningServer.await(() -> server.arrivals().size() >= 2_001, Duration.ofSeconds(30)))
                        .isTrue();
            }
            Deliveries.assertExactlyOnceInOrder(server.arrivals(), 1, 2_001);
        }
    }

    @Test
    void aSpoolAtItsCapDropsTheOldestEventsAndCountsThem() throws Exception {
        try (RunningServer server = RunningServer.start(data)) {
            int total = 5_000;
            LoglineAppender first = logWhileServerIsDown(server, total,
                    Map.of("spoolMaxBytes", "100000", "queueSize", "100", "batchSize", "100"));
            long dropped = first.metrics().getDropped();
            assertThat(dropped).isPositive();
            try (Stream<Path> files = Files.list(spool)) {
                long bytes = files.filter(p -> p.toString().endsWith(".spool")).mapToLong(p -> p.toFile().length()).sum();
                assertThat(bytes).isLessThanOrEqualTo(100_000);
            }

            try (ShippingApp restarted = ShippingApp.start(server.url(), spool, Map.of())) {
                assertThat(RunningServer.await(() -> server.arrivals().size() + dropped >= total,
                        Duration.ofSeconds(30))).as("arrived %d, dropped %d; first %s; now %s; %s",
                        server.arrivals().size(), dropped, first.metrics().summary(),
                        restarted.appender().metrics().summary(), restarted.statuses(0)).isTrue();
                Thread.sleep(300); // nothing more (no duplicates) should follow
            }
            List<LogEvent> arrived = server.arrivals();
            assertThat(arrived.size() + dropped).isEqualTo(total);
            // The newest survive, oldest first dropped: what arrived is the tail, complete and in order.
            long firstSeq = Deliveries.seq(arrived.get(0));
            for (int i = 0; i < arrived.size(); i++) {
                assertThat(Deliveries.seq(arrived.get(i))).isEqualTo(firstSeq + i);
            }
            assertThat(Deliveries.seq(arrived.get(arrived.size() - 1))).isEqualTo(total - 1);
        }
    }

    @Test
    void aCorruptSpoolFileIsSkippedWithAWarningAndShippingGoesOn() throws Exception {
        try (RunningServer server = RunningServer.start(data)) {
            // small segments (a quarter of the cap each), so the damage stays in one of several files
            logWhileServerIsDown(server, 1_000, Map.of("spoolMaxBytes", "400000", "batchSize", "100"));
            List<Path> segments;
            try (Stream<Path> files = Files.list(spool)) {
                segments = files.filter(p -> p.toString().endsWith(".spool")).sorted().toList();
            }
            assertThat(segments).hasSizeGreaterThan(1);
            Path damaged = segments.get(0);
            try (RandomAccessFile f = new RandomAccessFile(damaged.toFile(), "rw")) {
                f.seek(f.length() / 2);
                f.write(~f.read() & 0xff);
            }

            try (ShippingApp restarted = ShippingApp.start(server.url(), spool, Map.of())) {
                restarted.logger("shop.orders").atInfo().addKeyValue("worker", 0).addKeyValue("seq", 1_000)
                        .log("after the restart");
                assertThat(RunningServer.await(() -> !server.arrivals().isEmpty()
                        && Deliveries.seq(server.arrivals().get(server.arrivals().size() - 1)) == 1_000,
                        Duration.ofSeconds(30))).isTrue();
                assertThat(restarted.statuses(Status.WARN))
                        .anyMatch(m -> m.contains("corrupt or truncated") && m.contains(damaged.getFileName().toString()));
            }
            List<LogEvent> arrived = server.arrivals();
            // Everything before the damage and everything after the damaged file arrived, once, in order.
            assertThat(arrived.size()).isBetween(1_000 - 400, 1_000);
            long previous = -1;
            for (LogEvent e : arrived) {
                assertThat(Deliveries.seq(e)).isGreaterThan(previous);
                previous = Deliveries.seq(e);
            }
            assertThat(Deliveries.seq(arrived.get(0))).isZero();
        }
    }
}
