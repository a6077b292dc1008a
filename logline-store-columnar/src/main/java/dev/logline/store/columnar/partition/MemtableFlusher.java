package dev.logline.store.columnar.partition;

import dev.logline.store.columnar.part.PartAccess;
import dev.logline.store.columnar.part.Part;
import dev.logline.store.columnar.record.EventRecord;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a frozen memtable into a part: sorts its events by stream, time and uid, then writes them block by block.
 * Each event record is decoded once, straight into columns. One per flushing thread.
 *
 * @lucene.internal
 */
public final class MemtableFlusher implements AutoCloseable {

    private final PartOutput out;
    private final PartAccess access;

    public MemtableFlusher(int blockRows, long blockBytes, int zstdLevel, PartAccess access) {
        this.out = new PartOutput(blockRows, blockBytes, zstdLevel, access);
        this.access = access;
    }

    /** Writes the memtable's events as a new part of the partition; null when it holds none. */
    public Part flush(DayPartition partition, Memtable m, long coveredSeq) throws IOException {
        int n = m.size();
        if (n == 0) {
            return null;
        }
        // Group by stream, then order each stream by time and, for equal times, by uid — which is the memtable's
        // order (records are filed in WAL order). One primitive sort per stream: (ts - min ts) << 27 | position.
        Map<String, int[]> counts = new HashMap<>();
        String[] streams = new String[n];
        long[] ts = new long[n];
        long minTs = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            streams[i] = EventRecord.stream(m.body(i), m.offset(i), m.length(i));
            ts[i] = EventRecord.ts(m.body(i), m.offset(i));
            minTs = Math.min(minTs, ts[i]);
            counts.computeIfAbsent(streams[i], k -> new int[1])[0]++;
        }
        boolean packable = n < (1 << 27);
        for (int i = 0; i < n && packable; i++) {
            packable = ts[i] - minTs < (1L << 36);
        }
        Map<String, long[]> byStream = new TreeMap<>();
        Map<String, int[]> fill = new HashMap<>();
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            byStream.put(e.getKey(), new long[e.getValue()[0]]);
            fill.put(e.getKey(), new int[1]);
        }
        for (int i = 0; i < n; i++) {
            long[] keys = byStream.get(streams[i]);
            int[] at = fill.get(streams[i]);
            keys[at[0]++] = packable ? (ts[i] - minTs) << 27 | i : i;
        }
        out.begin(partition.path(), partition.newPartId());
        boolean success = false;
        try {
            for (Map.Entry<String, long[]> e : byStream.entrySet()) {
                long[] keys = e.getValue();
                if (packable) {
                    java.util.Arrays.sort(keys);
                } else {
                    sortByTimeThenPosition(keys, ts);
                }
                for (long k : keys) {
                    int i = (int) (packable ? k & ((1 << 27) - 1) : k);
                    out.next(e.getKey()).appendRecord(m.body(i), m.offset(i), m.length(i), m.uid(i));
                }
            }
            Part part = out.publish(coveredSeq, new long[0]);
            success = true;
            return part;
        } finally {
            if (!success) {
                out.abort();
            }
        }
    }

    /** The slow order for a memtable too large or too long to pack its sort keys (positions in {@code keys}). */
    private static void sortByTimeThenPosition(long[] keys, long[] ts) {
        Long[] boxed = new Long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            boxed[i] = keys[i];
        }
        java.util.Arrays.sort(boxed, (a, b) -> {
            int c = Long.compare(ts[(int) (long) a], ts[(int) (long) b]);
            return c != 0 ? c : Long.compare(a, b);
        });
        for (int i = 0; i < keys.length; i++) {
            keys[i] = boxed[i];
        }
    }

    @Override
    public void close() {
        out.close();
    }
}
