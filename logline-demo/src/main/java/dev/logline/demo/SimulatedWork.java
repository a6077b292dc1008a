package dev.logline.demo;

import java.util.concurrent.ThreadLocalRandom;

/** Stands in for real work (a database round trip, a model call), so durations and steps look like a real service's. */
public final class SimulatedWork {

    private SimulatedWork() {
    }

    /** Sleeps between {@code minMs} and {@code maxMs} milliseconds; returns the milliseconds slept. */
    public static int pause(int minMs, int maxMs) {
        int ms = ThreadLocalRandom.current().nextInt(minMs, maxMs + 1);
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            // Shutting down: stop pretending to work, keep the flag for whoever checks it next.
            Thread.currentThread().interrupt();
        }
        return ms;
    }
}
