package dev.logline.store.columnar.part;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bloom filters of recently read (part, column) pairs, least recently used first out once their bytes pass the
 * cap: a trace lookup then checks every block of a day in memory, and the heap stays bounded however much is stored.
 * Thread-safe.
 *
 * @lucene.internal
 */
public final class BloomCache {

    private record Key(Part part, int keyId) {
    }

    private final long capBytes;
    private final LinkedHashMap<Key, byte[]> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;

    public BloomCache(long capBytes) {
        this.capBytes = capBytes;
    }

    synchronized byte[] get(Part part, int keyId) {
        byte[] b = entries.get(new Key(part, keyId));
        if (b != null) {
            hits++;
        } else {
            misses++;
        }
        return b;
    }

    synchronized void put(Part part, int keyId, byte[] blooms) {
        if (blooms.length > capBytes) {
            return;
        }
        byte[] old = entries.put(new Key(part, keyId), blooms);
        bytes += blooms.length - (old == null ? 0 : old.length);
        Iterator<Map.Entry<Key, byte[]>> it = entries.entrySet().iterator();
        while (bytes > capBytes && it.hasNext()) {
            bytes -= it.next().getValue().length;
            it.remove();
        }
    }

    /** Forgets a part's blooms (it was merged away or dropped). */
    synchronized void evict(Part part) {
        Iterator<Map.Entry<Key, byte[]>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, byte[]> e = it.next();
            if (e.getKey().part == part) {
                bytes -= e.getValue().length;
                it.remove();
            }
        }
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized long hits() {
        return hits;
    }

    public synchronized long misses() {
        return misses;
    }
}
