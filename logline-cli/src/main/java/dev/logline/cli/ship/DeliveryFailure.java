package dev.logline.cli.ship;

import java.time.Duration;

/**
 * A batch was not acknowledged. {@link #retryable()} failures (no connection, 408, 429, 5xx) are tried again after a
 * backoff; the others (a bad key, a wrong URL) stop the shipper, since no retry can fix them.
 */
public final class DeliveryFailure extends Exception {

    private final int status;
    private final boolean retryable;
    private final Duration retryAfter;

    DeliveryFailure(int status, boolean retryable, Duration retryAfter, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status, or 0 when the server could not be reached at all. */
    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Whether the server answered nothing (as opposed to an error status). */
    public boolean unreachable() {
        return status == 0;
    }

    /** What the server asked for in {@code Retry-After}, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
