package dev.logline.cli.output;

import dev.logline.cli.client.ReturnedEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A transaction laid out as lanes, one per service in the order each service first appears, with the time each
 * lane spans, its event and error counts. Computed from the events so it works with whatever summary the server adds.
 */
public record TraceLanes(Instant first, Instant last, List<Lane> lanes, List<ReturnedEvent> events) {

    /** One service's share of the transaction. */
    public record Lane(String service, Instant first, Instant last, int events, int errors) {
    }

    /** Lays out events (any order; those without a time are kept but do not move the lanes' bounds). */
    public static TraceLanes of(List<ReturnedEvent> events) {
        List<ReturnedEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(ReturnedEvent::time, Comparator.nullsLast(Comparator.naturalOrder())));
        Map<String, Lane> lanes = new LinkedHashMap<>();
        Instant first = null;
        Instant last = null;
        for (ReturnedEvent e : sorted) {
            String service = e.text("service") == null ? "(no service)" : e.text("service");
            Instant t = e.time();
            if (t != null) {
                first = first == null || t.isBefore(first) ? t : first;
                last = last == null || t.isAfter(last) ? t : last;
            }
            Lane l = lanes.get(service);
            int err = e.isError() ? 1 : 0;
            if (l == null) {
                lanes.put(service, new Lane(service, t, t, 1, err));
            } else {
                Instant lf = l.first() == null || (t != null && t.isBefore(l.first())) ? t : l.first();
                Instant ll = l.last() == null || (t != null && t.isAfter(l.last())) ? t : l.last();
                lanes.put(service, new Lane(service, lf, ll, l.events() + 1, l.errors() + err));
            }
        }
        return new TraceLanes(first, last, List.copyOf(lanes.values()), List.copyOf(sorted));
    }

    /** Milliseconds from the first event to {@code t}, or 0 for an unknown time. */
    public double offsetMs(Instant t) {
        if (t == null || first == null) {
            return 0;
        }
        return Duration.between(first, t).toNanos() / 1_000_000.0;
    }

    /** The whole transaction's length in milliseconds. */
    public double spanMs() {
        return offsetMs(last);
    }

    public int errors() {
        return lanes.stream().mapToInt(Lane::errors).sum();
    }
}
