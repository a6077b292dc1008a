package dev.logline.server.alerts.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * When an undelivered notification is tried again: after {@code first}, doubling per failed attempt up to
 * {@code max}, and given up once it is {@code giveUpAfter} old.
 */
public record RetryPolicy(Duration first, Duration max, Duration giveUpAfter) {

    /** 5 s, doubling to 5 min, for a day. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofDays(1));
    }

    /** The next attempt after {@code attempts} failed ones, the last at {@code now}. */
    public Instant next(Instant now, int attempts) {
        long factor = 1L << Math.min(30, Math.max(0, attempts - 1));
        Duration wait = first.multipliedBy(factor);
        return now.plus(wait.compareTo(max) > 0 ? max : wait);
    }

    /** Whether a notification created at {@code created} is too old to try again at {@code now}. */
    public boolean givenUp(Instant created, Instant now) {
        return !now.isBefore(created.plus(giveUpAfter));
    }
}
