package dev.logline.store;

import dev.logline.core.LogEvent;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A write was refused because some of its events are not acceptable (e.g. a time outside the accepted window);
 * nothing of the batch was written. {@link #reasons()} maps each refused event's position in the batch to why,
 * so a caller can answer per item and resend the rest.
 */
public class RejectedEventsException extends IllegalArgumentException {

    private final Map<Integer, String> reasons;

    public RejectedEventsException(Map<Integer, String> reasons) {
        super(describe(reasons));
        this.reasons = Map.copyOf(reasons);
    }

    private static String describe(Map<Integer, String> reasons) {
        Map.Entry<Integer, String> first = new TreeMap<>(reasons).firstEntry();
        return reasons.size() + " event(s) refused" + (first == null ? "" : "; event " + first.getKey() + ": "
                + first.getValue());
    }

    /**
     * The refusal of a batch by {@link LogStore#admissionError}, event by event, or {@code null} when the store takes
     * every event: what a store checks before it writes anything.
     */
    public static RejectedEventsException check(LogStore store, String tenant, List<LogEvent> events) {
        Map<Integer, String> refused = new TreeMap<>();
        for (int i = 0; i < events.size(); i++) {
            String why = store.admissionError(tenant, events.get(i));
            if (why != null) {
                refused.put(i, why);
            }
        }
        return refused.isEmpty() ? null : new RejectedEventsException(refused);
    }

    /** Position in the batch (0-based) → the reason that event was refused. */
    public Map<Integer, String> reasons() {
        return reasons;
    }
}
