package dev.logline.it;

import dev.logline.logback.appender.LoglineAppender;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The main of a child JVM for crash tests: {@code log <url> <spoolDir> <workers>} logs numbered events from several
 * threads and prints {@code logged <worker> <seq>} after each logging call returned, until it is killed;
 * {@code replay <url> <spoolDir>} starts the appender over the spool, waits until the spool is delivered, stops
 * Logback and prints {@code replayed} with the appender's metrics.
 */
final class ShippingProcess {

    /** Settings of the logging role: a small queue, so the application threads spool often. */
    static final Map<String, String> SETTINGS = Map.of("queueSize", "64", "batchSize", "50");
    static final int QUEUE_SIZE = 64;
    static final int BATCH_SIZE = 50;
    /** A bound on each worker's loop, far more than a test waits for before the kill. */
    private static final int MAX_PER_WORKER = 2_000_000;

    private ShippingProcess() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[1];
        Path spoolDir = Path.of(args[2]);
        if (args[0].equals("log")) {
            logUntilKilled(url, spoolDir, Integer.parseInt(args[3]));
        } else {
            replay(url, spoolDir);
        }
    }

    private static void logUntilKilled(String url, Path spoolDir, int workers) throws Exception {
        ShippingApp app = ShippingApp.start(url, spoolDir, SETTINGS);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Logger log = app.logger("shop.worker" + w);
            threads.add(new Thread(() -> {
                for (int i = 0; i < MAX_PER_WORKER; i++) {
                    log.atInfo().addKeyValue("worker", worker).addKeyValue("seq", i).log("step {}", i);
                    // println is synchronized and flushes: the parent reads only what returned
                    System.out.println("logged " + worker + " " + i);
                }
            }, "worker-" + w));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        // Never reached in the test (it kills the process first); without the kill Logback's stop would flush.
        app.close();
    }

    private static void replay(String url, Path spoolDir) throws Exception {
        // Default batches when replaying: a server acknowledges each request only once it is durable.
        ShippingApp app = ShippingApp.start(url, spoolDir, Map.of());
        LoglineAppender appender = app.appender();
        long end = System.nanoTime() + 20_000_000_000L;
        while (appender.metrics().getSpoolBytes() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        app.close();
        System.out.println("replayed " + appender.metrics().summary());
        System.out.println("warnings " + app.statuses(ch.qos.logback.core.status.Status.WARN));
    }
}
