package dev.logline.server.api;

import dev.logline.query.Query;
import dev.logline.store.LogStore;
import dev.logline.store.QueryCost;
import dev.logline.store.SearchRequest;
import dev.logline.store.SearchResult;
import dev.logline.store.StoredEvent;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Reads the events a filter matches from the store, newest first and a page at a time, into a consumer that says
 * how many more it wants. Stops when it wants none, the matches end, {@code budget} events were read or the
 * query's time is up. Each page asks for no more than the consumer wants, so the cursor it ends on continues
 * exactly after the last event the consumer saw.
 */
final class EventScan {

    /** The most events one request reads into pipes a store cannot run (sort, limit, a where after fields). */
    static final int MAX_EVENTS = 10_000;

    private static final int MAX_PAGE = 1_000;

    /**
     * Where a scan ended.
     *
     * @param cursor    continues after the last event read; {@code null} when the matches ended
     * @param truncated the consumer wanted more but the budget or the time ran out first
     * @param cost      the store's cost over every page
     */
    record Outcome(String cursor, boolean truncated, QueryCost cost) {
    }

    private EventScan() {
    }

    static Outcome run(LogStore store, String tenant, Query filter, TimeRange range, String cursor, Duration timeout,
                       int budget, IntSupplier wanted, Consumer<StoredEvent> sink) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long took = 0;
        int partitions = 0;
        long scanned = 0;
        int read = 0;
        String at = cursor;
        boolean truncated = false;
        while (true) {
            int want = wanted.getAsInt();
            if (want <= 0) {
                break;
            }
            long left = deadline - System.nanoTime();
            if (read >= budget || left <= 0) {
                truncated = true;
                break;
            }
            int page = Math.min(Math.min(want, MAX_PAGE), budget - read);
            SearchResult r = store.search(new SearchRequest(tenant, filter, range.fromMicros(), range.toMicros(), page,
                    at, Duration.ofNanos(left)));
            for (StoredEvent e : r.events()) {
                sink.accept(e);
            }
            read += r.events().size();
            took += r.cost().tookMs();
            partitions = Math.max(partitions, r.cost().partitions());
            scanned += r.cost().eventsScanned();
            at = r.nextCursor();
            if (at == null) {
                break;
            }
        }
        return new Outcome(at, truncated && at != null, new QueryCost(took, partitions, scanned));
    }
}
