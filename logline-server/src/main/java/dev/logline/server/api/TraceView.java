package dev.logline.server.api;

import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.store.StoredEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One transaction across services, as the API, the web UI and {@code logline trace} all show it, with one definition
 * of time: an event <em>ends</em> at its {@code ts} and <em>starts</em> {@code duration_ms} earlier (a LogTrace or
 * request event is logged when its work ends; an event without a duration is a point, start = end). The
 * transaction starts at the earliest start and ends at the latest end; events are ordered by start, then end, then
 * the order the store returned them (the order they were written), and every offset is measured from the
 * transaction's start to the event's start.
 *
 * @param events      every event with its start and end, in that order
 * @param startMicros the transaction's start (the earliest event start)
 * @param endMicros   the transaction's end (the latest event end)
 * @param lanes       one per service, in order of each service's first event
 * @param handoffs    each change of service between consecutive events
 */
record TraceView(List<Placed> events, long startMicros, long endMicros, List<Lane> lanes, List<Handoff> handoffs) {

    /** The name of the lane of events that carry no service. */
    static final String UNKNOWN_SERVICE = "(unknown)";

    /** An event on the transaction's time axis. */
    record Placed(StoredEvent stored, long startMicros, long endMicros) {

        LogEvent event() {
            return stored.event();
        }
    }

    /** One service's part of the transaction: from its first event's start to its last event's end. */
    record Lane(String service, long firstMicros, long lastMicros, int count, int errors, List<StoredEvent> logTraces) {
    }

    /**
     * The transaction moving from one service to another: {@code gapMicros} is from the end of the earlier event to
     * the start of the next, negative when the next began while the earlier was still running.
     */
    record Handoff(String fromService, String toService, String fromEventId, String toEventId, long gapMicros) {
    }

    static TraceView of(List<StoredEvent> unsorted) {
        List<Placed> events = new ArrayList<>(unsorted.size());
        for (StoredEvent e : unsorted) {
            events.add(place(e));
        }
        // List.sort is stable: events with equal times keep the store's (write) order.
        events.sort(Comparator.comparingLong(Placed::startMicros).thenComparingLong(Placed::endMicros));
        Map<String, List<Placed>> byService = new LinkedHashMap<>();
        List<Handoff> handoffs = new ArrayList<>();
        Placed previous = null;
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (Placed e : events) {
            start = Math.min(start, e.startMicros());
            end = Math.max(end, e.endMicros());
            String service = serviceOf(e.event());
            byService.computeIfAbsent(service, s -> new ArrayList<>()).add(e);
            if (previous != null && !serviceOf(previous.event()).equals(service)) {
                handoffs.add(new Handoff(serviceOf(previous.event()), service, previous.stored().id(), e.stored().id(),
                        e.startMicros() - previous.endMicros()));
            }
            previous = e;
        }
        List<Lane> lanes = new ArrayList<>();
        for (Map.Entry<String, List<Placed>> s : byService.entrySet()) {
            int errors = 0;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            List<StoredEvent> logTraces = new ArrayList<>();
            for (Placed e : s.getValue()) {
                first = Math.min(first, e.startMicros());
                last = Math.max(last, e.endMicros());
                if (isError(e.event())) {
                    errors++;
                }
                if (!e.event().steps().isEmpty()) {
                    logTraces.add(e.stored());
                }
            }
            lanes.add(new Lane(s.getKey(), first, last, s.getValue().size(), errors, logTraces));
        }
        return events.isEmpty() ? new TraceView(events, 0, 0, lanes, handoffs)
                : new TraceView(events, start, end, lanes, handoffs);
    }

    /** Start and end of one event: a non-negative {@code duration_ms} reaches back from its time. */
    static Placed place(StoredEvent e) {
        long end = e.event().tsMicros();
        Double duration = e.event().durationMs();
        long back = duration == null || !(duration > 0) || duration.isInfinite() ? 0 : Math.round(duration * 1_000.0);
        return new Placed(e, end - back, end);
    }

    /** Milliseconds from the transaction's start to {@code micros}. */
    double offsetMs(long micros) {
        return (micros - startMicros) / 1_000.0;
    }

    static boolean isError(LogEvent e) {
        return e.level().compareTo(Level.ERROR) >= 0 || e.error() != null;
    }

    private static String serviceOf(LogEvent e) {
        return e.service() == null ? UNKNOWN_SERVICE : e.service();
    }
}
