package dev.logline.bench.data;

import dev.logline.core.LogEvent;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a source's events fall in time: {@code total} events spread evenly by position over {@code span} up to
 * {@code end}, so the newest events are the last ones sent.
 */
record EventWindow(long startMicros, long spanMicros, long total) {

    static EventWindow of(Instant end, Duration span, long total) {
        long spanMicros = span.toNanos() / 1_000L;
        return new EventWindow(LogEvent.toMicros(end) - spanMicros, spanMicros, total);
    }

    /** The timestamp of the event at {@code position} (0-based) in the run. */
    long micros(long position) {
        return startMicros + (long) ((double) position / Math.max(1, total) * spanMicros);
    }

    /** The last microsecond inside the window. */
    long lastMicros() {
        return startMicros + spanMicros - 1;
    }
}
