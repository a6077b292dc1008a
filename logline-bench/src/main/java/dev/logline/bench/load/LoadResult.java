package dev.logline.bench.load;

import java.time.Duration;

/**
 * What one load run achieved.
 *
 * @param events   events acknowledged by the system
 * @param failed   events the system rejected (after retries)
 * @param requests requests sent, retries included
 * @param retries  requests repeated after 429/503 backpressure
 * @param elapsed  wall time from the first request to the last acknowledgement
 */
record LoadResult(long events, long failed, long requests, long retries, Duration elapsed) {

    double eventsPerSecond() {
        return events / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }
}
