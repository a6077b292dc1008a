package dev.logline.it;

import dev.logline.logback.appender.LoglineAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The appender after an outage, with the default backoff cap (maxBackoffMs 30 s): the server goes away for 10 s in
 * the middle of a burst and the application then logs nothing more. The appender probes the refused port every
 * 2 s, so the spooled events arrive soon after the server is back, not at the next backoff step; and a
 * {@code stop()} 2 s after the return delivers the spool as well as the queue.
 */
class OutageRecoveryTest {

    private static final int PER_BURST = 1_000;
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Map<String, String> SETTINGS = Map.of("batchSize", "200", "maxBackoffMs", "30000");

    @TempDir
    Path data;
    @TempDir
    Path spool;

    /** Logs half the burst, stops the server, logs the rest (spooled), waits out the outage and restarts it. */
    private static void burstAcrossAnOutage(RunningServer server, ShippingApp app) throws Exception {
        Logger log = app.logger("shop.checkout");
        for (int i = 0; i < PER_BURST / 2; i++) {
            log.atInfo().addKeyValue("worker", 0).addKeyValue("seq", i).log("step {}", i);
        }
        assertThat(RunningServer.await(() -> !server.arrivals().isEmpty(), Duration.ofSeconds(10))).isTrue();
        server.stop();
        for (int i = PER_BURST / 2; i < PER_BURST; i++) {
            log.atInfo().addKeyValue("worker", 0).addKeyValue("seq", i).log("step {}", i);
        }
        Thread.sleep(OUTAGE.toMillis());
        server.restart();
    }

    @Test
    void everyEventArrivesWithinTenSecondsOfTheServersReturnWhileTheApplicationIsIdle() throws Exception {
        try (RunningServer server = RunningServer.start(data);
             ShippingApp app = ShippingApp.start(server.url(), spool, SETTINGS)) {
            LoglineAppender appender = app.appender();
            burstAcrossAnOutage(server, app);
            assertThat(RunningServer.await(() -> Deliveries.firstArrivals(server.arrivals()).size() == PER_BURST,
                    Duration.ofSeconds(10))).as("%s", appender.metrics().summary()).isTrue();
            Deliveries.assertExactlyOnceInOrder(Deliveries.firstArrivals(server.arrivals()), 1, PER_BURST);
            assertThat(appender.metrics().getSpooled()).isPositive();
            assertThat(appender.metrics().getFailed()).isPositive();
            assertThat(appender.metrics().getDropped()).isZero();
        }
    }

    @Test
    void stopTwoSecondsAfterTheServersReturnDeliversEverything() throws Exception {
        try (RunningServer server = RunningServer.start(data)) {
            ShippingApp app = ShippingApp.start(server.url(), spool, SETTINGS);
            LoglineAppender appender = app.appender();
            burstAcrossAnOutage(server, app);
            Thread.sleep(2_000);
            app.close(); // Logback's stop: the appender's stop() with its 5 s flush bound
            // Acknowledged means stored: whatever stop() delivered is in the arrivals now.
            Deliveries.assertExactlyOnceInOrder(Deliveries.firstArrivals(server.arrivals()), 1, PER_BURST);
            assertThat(appender.metrics().getDropped()).isZero();
            assertThat(appender.isStarted()).isFalse();
        }
    }
}
