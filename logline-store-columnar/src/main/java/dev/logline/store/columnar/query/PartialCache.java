package dev.logline.store.columnar.query;

import dev.logline.query.stats.Accumulator;
import dev.logline.store.columnar.part.Part;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code stats}/{@code timechart} partial results of whole parts, least recently used out past a cap on their
 * estimated bytes. A part never changes, so what a query's filter and first pipe make of all its rows stays true
 * until the part is merged away (its entries then age out): a dashboard refreshing "the last 24 hours" reads only the
 * parts written since and the parts at the window's edges. Entries are keyed by the part's
 * {@linkplain Part#openSerial() serial}, never the part itself, so a cached result does not keep a retired part's
 * index in memory, and never its path, which a new part may take after the day was dropped.
 * Thread-safe.
 *
 * @lucene.internal
 */
public final class PartialCache {

    /** What one query's first pipe made of every row of one part: its groups by key cells. */
    record Partial(Map<List<Object>, Accumulator[]> groups, long bytes) {

        static Partial of(Map<List<Object>, Accumulator[]> groups) {
            long bytes = 64;
            for (Map.Entry<List<Object>, Accumulator[]> g : groups.entrySet()) {
                bytes += 48 + 16L * g.getKey().size();
                for (Accumulator a : g.getValue()) {
                    bytes += a.estimatedBytes();
                }
            }
            return new Partial(groups, bytes);
        }
    }

    private record Key(long partSerial, String query) {
    }

    /** Caches nothing. */
    public static final PartialCache OFF = new PartialCache(0);

    private final long capBytes;
    private final LinkedHashMap<Key, Partial> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;

    public PartialCache(long capBytes) {
        this.capBytes = capBytes;
    }

    boolean enabled() {
        return capBytes > 0;
    }

    synchronized Partial get(Part part, String query) {
        Partial p = entries.get(new Key(part.openSerial(), query));
        if (p != null) {
            hits++;
        } else {
            misses++;
        }
        return p;
    }

    /** Keeps a part's partial; its accumulators must not change afterwards (readers merge from them). */
    synchronized void put(Part part, String query, Partial partial) {
        if (partial.bytes() > capBytes / 4) {
            return;
        }
        Partial old = entries.put(new Key(part.openSerial(), query), partial);
        bytes += partial.bytes() - (old == null ? 0 : old.bytes());
        Iterator<Map.Entry<Key, Partial>> it = entries.entrySet().iterator();
        while (bytes > capBytes && it.hasNext()) {
            bytes -= it.next().getValue().bytes();
            it.remove();
        }
    }

    public synchronized long hits() {
        return hits;
    }

    public synchronized long misses() {
        return misses;
    }

    public synchronized long bytes() {
        return bytes;
    }
}
