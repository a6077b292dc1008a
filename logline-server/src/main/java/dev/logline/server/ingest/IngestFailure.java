package dev.logline.server.ingest;

import dev.logline.store.BackpressureException;
import dev.logline.store.StoreFullException;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Why a request was not stored, sorted into the kinds every protocol answers differently, and read the same way for
 * every collector.
 */
public enum IngestFailure {
    /** The body cannot be read at all (HTTP 400, gRPC INVALID_ARGUMENT). */
    UNREADABLE,
    /** The body is over the request cap (HTTP 413). */
    TOO_LARGE,
    /** The store is behind; send again after a while (HTTP 429 + Retry-After, gRPC UNAVAILABLE). */
    BUSY,
    /** The store's disk is full (HTTP 507, gRPC RESOURCE_EXHAUSTED). */
    FULL,
    /** The store failed otherwise; nothing was stored (HTTP 503, gRPC UNAVAILABLE). */
    NOT_STORED;

    /** The kind of a failure. */
    public static IngestFailure of(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof StoreFullException) {
            return FULL;
        }
        if (t instanceof BackpressureException) {
            return BUSY;
        }
        if (t instanceof RequestTooLargeException) {
            return TOO_LARGE;
        }
        if (t instanceof IllegalArgumentException) {
            return UNREADABLE;
        }
        return NOT_STORED;
    }

    /** The failure without the {@link CompletionException}/{@link ExecutionException} wrappers futures add. */
    public static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The backpressure signal inside a failure, or {@code null} when the failure is something else. */
    public static BackpressureException backpressure(Throwable t) {
        Throwable cause = unwrap(t);
        return cause instanceof BackpressureException ? (BackpressureException) cause : null;
    }

    /** The whole seconds a client should wait (a Retry-After value), at least 1. */
    public static long retryAfterSeconds(BackpressureException e) {
        Duration d = e.retryAfter();
        if (d == null || d.isNegative() || d.isZero()) {
            return 1;
        }
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    /**
     * What to tell the sender about a failure, without the internals of the library that raised it: the failure's
     * own message for what the server raised on purpose (limits, unreadable bodies, backpressure), a plain sentence
     * for anything else.
     */
    public static String message(Throwable failure) {
        Throwable t = unwrap(failure);
        return switch (of(t)) {
            case NOT_STORED -> "the store could not take the request, nothing of it was stored; send it again later"
                    + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")");
            default -> t.getMessage();
        };
    }
}
