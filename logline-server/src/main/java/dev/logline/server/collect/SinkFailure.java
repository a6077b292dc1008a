package dev.logline.server.collect;

import dev.logline.core.LogEvent;
import dev.logline.server.ingest.EventSink;
import dev.logline.store.BackpressureException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Reads why an {@link dev.logline.server.ingest.EventSink} future failed, the same way for every collector. */
public final class SinkFailure {

    private SinkFailure() {
    }

    /**
     * Calls the sink so that every failure, even one it throws instead of returning, arrives as a failed
     * future: collectors then answer it like any other sink failure rather than with a server error.
     */
    public static CompletableFuture<Void> acceptSafely(EventSink sink, String tenant, String collector, List<LogEvent> events) {
        try {
            CompletableFuture<Void> result = sink.accept(tenant, collector, events);
            return result != null ? result : CompletableFuture.failedFuture(new IllegalStateException("sink returned no future"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
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
}
