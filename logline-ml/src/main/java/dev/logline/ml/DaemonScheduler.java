package dev.logline.ml;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one background thread of an inference log or a drift monitor: a daemon, so a forgotten {@code close()} never
 * keeps an application from exiting. Internal to logline-ml.
 */
public final class DaemonScheduler {

    private DaemonScheduler() {
    }

    /** A single-thread scheduler whose thread is a daemon named {@code threadName}. */
    public static ScheduledExecutorService named(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }
}
