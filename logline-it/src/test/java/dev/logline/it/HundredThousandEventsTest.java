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

/** The appender's basic promise against a real server and store: everything arrives once, in order per thread. */
class HundredThousandEventsTest {

    private static final int WORKERS = 4;
    private static final int PER_WORKER = 25_000;

    @TempDir
    Path data;
    @TempDir
    Path spool;

    @Test
    void hundredThousandEventsFromFourThreadsArriveExactlyOnceAndInOrderPerThread() throws Exception {
        try (RunningServer server = RunningServer.start(data)) {
            LoglineAppender appender;
            try (ShippingApp app = ShippingApp.start(server.url(), spool, Map.of())) {
                appender = app.appender();
                assertThat(appender.isStarted()).as("statuses: %s", app.statuses(0)).isTrue();
                List<Thread> threads = new ArrayList<>();
                for (int w = 0; w < WORKERS; w++) {
                    int worker = w;
                    Logger log = app.logger("shop.worker" + w);
                    threads.add(new Thread(() -> {
                        for (int i = 0; i < PER_WORKER; i++) {
                            log.atInfo().addKeyValue("worker", worker).addKeyValue("seq", i).log("order step {}", i);
                        }
                    }, "worker-" + w));
                }
                long start = System.nanoTime();
                threads.forEach(Thread::start);
                for (Thread t : threads) {
                    t.join();
                }
                System.out.printf("logged in %d ms: %s%n", (System.nanoTime() - start) / 1_000_000,
                        appender.metrics().summary());
                assertThat(RunningServer.await(() -> server.arrivals().size() >= WORKERS * PER_WORKER,
                        Duration.ofSeconds(60))).as("arrived %d via subscribe, %d searchable; %s; %s",
                        server.arrivals().size(), server.search().size(), appender.metrics().summary(),
                        app.statuses(0)).isTrue();
                System.out.printf("arrived in %d ms: %s%n", (System.nanoTime() - start) / 1_000_000,
                        appender.metrics().summary());
            }
            Deliveries.assertExactlyOnceInOrder(server.arrivals(), WORKERS, PER_WORKER);
            // Searchable shortly after acknowledged (the store refreshes every 500 ms).
            assertThat(RunningServer.await(() -> server.search().size() == WORKERS * PER_WORKER,
                    Duration.ofSeconds(30))).isTrue();
            assertThat(appender.metrics().getSent()).isEqualTo(WORKERS * PER_WORKER);
            assertThat(appender.metrics().getDropped()).isZero();
        }
    }
}
