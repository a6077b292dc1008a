package dev.logline.cli.ship;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before retry {@code n}: doubling from 250 ms up to 30 s, with ±20% jitter so shippers that lost the
 * server together do not return together; a server's {@code Retry-After} wins when it asks for longer (up to 5
 * minutes, as in the appender).
 */
public final class Backoff {

    private static final long FIRST_MILLIS = 250;
    private static final long MAX_MILLIS = 30_000;
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    private Backoff() {
    }

    /** @param attempt 1 for the first retry */
    public static Duration delay(int attempt, Duration retryAfter) {
        long base = Math.min(MAX_MILLIS, FIRST_MILLIS << Math.min(attempt - 1, 20));
        long jittered = Math.round(base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        Duration d = Duration.ofMillis(Math.min(MAX_MILLIS, jittered));
        if (retryAfter == null || retryAfter.compareTo(d) <= 0) {
            return d;
        }
        return retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
    }
}
