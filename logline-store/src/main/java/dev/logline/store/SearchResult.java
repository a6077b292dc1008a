package dev.logline.store;

import java.util.List;

/** One page of events, newest first, and the cursor for the next page ({@code null} at the end). */
public record SearchResult(List<StoredEvent> events, String nextCursor, QueryCost cost) {
    public SearchResult {
        events = List.copyOf(events);
    }
}
