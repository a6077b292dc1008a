package dev.logline.it;

import dev.logline.logback.appender.LoglineAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server goes away for 30 s mid-stream, while the application keeps logging, and comes back on the same port
 * and data directory. The appender retries with backoff (capped at {@code maxBackoffMs}, 1 s in
 * {@code logline-it.xml}) and spools meanwhile.
 */
class ServerOutageTest {

    private static final int WORKERS = 2;
    private static final int PER_WORKER = 3_000;
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @TempDir
    Path data;
    @TempDir
    Path spool;

    @Test
    void everyEventArrivesAfterTheServerWasDownForThirtySeconds() throws Exception {
        try (RunningServer server = RunningServer.start(data);
             ShippingApp app = ShippingApp.start(server.url(), spool, Map.of("batchSize", "200"))) {
            LoglineAppender appender = app.appender();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                Logger log = app.logger("shop.worker" + w);
                threads.add(new Thread(() -> {
                    for (int i = 0; i < PER_WORKER; i++) {
                        log.atInfo().addKeyValue("worker", worker).addKeyValue("seq", i).log("step {}", i);
                        if (i % 100 == 99) {
                            pause(1_200); // about 36 s of traffic per worker, spanning the whole outage
                        }
                    }
                }, "worker-" + w));
            }
            threads.forEach(Thread::start);
            Thread.sleep(700);
            server.stop();
            int beforeOutage = server.arrivals().size();
            Thread.sleep(OUTAGE.toMillis());
            server.restart();
            for (Thread t : threads) {
                t.join();
            }
            assertThat(RunningServer.await(() -> Deliveries.firstArrivals(server.arrivals()).size() == WORKERS * PER_WORKER,
                    Duration.ofSeconds(60))).as("%s", appender.metrics().summary()).isTrue();

            assertThat(beforeOutage).isLessThan(WORKERS * PER_WORKER);
            assertThat(appender.metrics().getFailed()).isPositive();
            assertThat(appender.metrics().getSpooled()).isPositive();
            assertThat(appender.metrics().getDropped()).isZero();
            // A request cut by the stop may have been stored without its answer reaching the appender, which then
            // sends it again: at-least-once. Per worker, first arrivals are complete and in order.
            Deliveries.assertExactlyOnceInOrder(Deliveries.firstArrivals(server.arrivals()), WORKERS, PER_WORKER);
            int duplicates = server.arrivals().size() - WORKERS * PER_WORKER;
            assertThat(duplicates).isBetween(0, 200);
            System.out.println("outage test: " + duplicates + " duplicates; " + appender.metrics().summary());
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
