package dev.logline.store;

import java.time.Duration;

/** The store is behind; the caller should retry after the given delay (HTTP 429 + Retry-After). */
public class BackpressureException extends RuntimeException {

    private final Duration retryAfter;

    public BackpressureException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
