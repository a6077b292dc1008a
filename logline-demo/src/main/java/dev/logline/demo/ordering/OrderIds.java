package dev.logline.demo.ordering;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Order numbers like {@code ORD-MI9X-000042}: a prefix from the service's start time, so runs of the demo against
 * one data directory do not reuse numbers, and a counter.
 */
final class OrderIds {

    private final String prefix;
    private final AtomicLong next = new AtomicLong(1);

    OrderIds(long startMillis) {
        String run = Long.toString(startMillis / 1000, 36).toUpperCase(Locale.ROOT);
        this.prefix = "ORD-" + run.substring(Math.max(0, run.length() - 4)) + "-";
    }

    String next() {
        return prefix + String.format(Locale.ROOT, "%06d", next.getAndIncrement());
    }
}
