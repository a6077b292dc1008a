package dev.logline.logback.appender;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": the n-th consecutive failure waits between half and all of
 * {@code min(max, base * 2^n)}, so many senders that lost one server do not come back in lockstep.
 */
final class Backoff {

    private final long baseMillis;
    private final long maxMillis;
    private int failures;

    Backoff(Duration base, Duration max) {
        this.baseMillis = Math.max(1, base.toMillis());
        this.maxMillis = Math.max(baseMillis, max.toMillis());
    }

    /** The wait after one more failure. */
    Duration next() {
        int n = Math.min(failures++, 30);
        long ceiling = Math.min(maxMillis, baseMillis << n);
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }

    /** Consecutive failures so far. */
    int failures() {
        return failures;
    }

    /** After a success: the next failure waits the base time again. */
    void reset() {
        failures = 0;
    }
}
