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
 * One transaction across services, as the trace view draws it: the events in time order, one lane per service
 * (first/last time, counts, errors, LogTrace events with their steps) and the hand-offs where the story moves
 * from one service to the next, with the gap between them.
 *
 * @param events   every event, oldest first
 * @param lanes    one per service, in order of each service's first event
 * @param handoffs each change of service between consecutive events
 */
record TraceView(List<StoredEvent> events, List<Lane> lanes, List<Handoff> handoffs) {

    /** The name of the lane of events that carry no service. */
    static final String UNKNOWN_SERVICE = "(unknown)";

    /** One service's part of the transaction. */
    record Lane(String service, long firstMicros, long lastMicros, int count, int errors, List<StoredEvent> logTraces) {
    }

    /** The transaction moving from one service to another; {@code gapMicros} is the time between the two events. */
    record Handoff(String fromService, String toService, String fromEventId, String toEventId, long gapMicros) {
    }

    static TraceView of(List<StoredEvent> unsorted) {
        List<StoredEvent> events = new ArrayList<>(unsorted);
        events.sort(Comparator.comparingLong((StoredEvent e) -> e.event().tsMicros()));
        Map<String, List<StoredEvent>> byService = new LinkedHashMap<>();
        List<Handoff> handoffs = new ArrayList<>();
        StoredEvent previous = null;
        for (StoredEvent e : events) {
            String service = serviceOf(e.event());
            byService.computeIfAbsent(service, s -> new ArrayList<>()).add(e);
            if (previous != null && !serviceOf(previous.event()).equals(service)) {
                handoffs.add(new Handoff(serviceOf(previous.event()), service, previous.id(), e.id(),
                        e.event().tsMicros() - previous.event().tsMicros()));
            }
            previous = e;
        }
        List<Lane> lanes = new ArrayList<>();
        for (Map.Entry<String, List<StoredEvent>> s : byService.entrySet()) {
            List<StoredEvent> list = s.getValue();
            int errors = 0;
            List<StoredEvent> logTraces = new ArrayList<>();
            for (StoredEvent e : list) {
                if (isError(e.event())) {
                    errors++;
                }
                if (!e.event().steps().isEmpty()) {
                    logTraces.add(e);
                }
            }
            lanes.add(new Lane(s.getKey(), list.get(0).event().tsMicros(), list.get(list.size() - 1).event().tsMicros(),
                    list.size(), errors, logTraces));
        }
        return new TraceView(events, lanes, handoffs);
    }

    static boolean isError(LogEvent e) {
        return e.level().compareTo(Level.ERROR) >= 0 || e.error() != null;
    }

    private static String serviceOf(LogEvent e) {
        return e.service() == null ? UNKNOWN_SERVICE : e.service();
    }
}
