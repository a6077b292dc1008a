package dev.logline.server.api;

import dev.logline.query.Query;
import dev.logline.query.exec.QueryBudget;
import dev.logline.query.exec.QueryTimeoutException;
import dev.logline.store.LogStore;
import dev.logline.store.QueryCost;
import dev.logline.store.SearchRequest;
import dev.logline.store.SearchResult;
import dev.logline.store.StoredEvent;

import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Reads the events a filter matches from the store, newest first and a page at a time, into a consumer that says
 * how many more it wants. Stops when it wants none, the matches end, {@code maxEvents} events were read or the
 * query's time is up. Each page asks for no more than the consumer wants, so the cursor it ends on continues
 * exactly after the last event the consumer saw. When the time runs out, a paged read answers the events it has
 * with the cursor that continues after them; a read whose answer needs every match (sort, stats), or that found
 * nothing yet, fails with {@link QueryTimeoutException} rather than answer a part as if it were the whole.
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

    /**
     * @param paged whether the caller answers a page with a cursor (then a read cut short by time answers what it
     *              has); otherwise it needs every match, and running out of time fails the read
     */
    static Outcome run(LogStore store, String tenant, Query filter, TimeRange range, String cursor,
                       QueryBudget budget, boolean paged, int maxEvents, IntSupplier wanted,
                       Consumer<StoredEvent> sink) {
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
            if (budget.timeUp() && (!paged || read == 0)) {
                throw budget.timedOut();
            }
            if (read >= maxEvents || budget.timeUp()) {
                truncated = true;
                break;
            }
            int page = Math.min(Math.min(want, MAX_PAGE), maxEvents - read);
            SearchResult r = store.search(new SearchRequest(tenant, filter, range.fromMicros(), range.toMicros(), page,
                    at, null, budget));
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
