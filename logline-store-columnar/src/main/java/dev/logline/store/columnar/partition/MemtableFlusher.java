package dev.logline.store.columnar.partition;

import dev.logline.store.columnar.part.BloomCache;
import dev.logline.store.columnar.part.Part;
import dev.logline.store.columnar.record.EventRecord;

import java.io.IOException;
import java.util.Arrays;

/**
 * Turns a frozen memtable into a part: sorts its events by stream, time and uid, then writes them block by block.
 * Each event record is decoded once, straight into columns. One per flushing thread.
 *
 * @lucene.internal
 */
public final class MemtableFlusher implements AutoCloseable {

    private final PartOutput out;
    private final BloomCache blooms;

    public MemtableFlusher(int blockRows, long blockBytes, int zstdLevel, BloomCache blooms) {
        this.out = new PartOutput(blockRows, blockBytes, zstdLevel);
        this.blooms = blooms;
    }

    /** Writes the memtable's events as a new part of the partition; null when it holds none. */
    public Part flush(DayPartition partition, Memtable m, long coveredSeq) throws IOException {
        int n = m.size();
        if (n == 0) {
            return null;
        }
        String[] streams = new String[n];
        long[] ts = new long[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            streams[i] = EventRecord.stream(m.body(i), m.offset(i), m.length(i));
            ts[i] = EventRecord.ts(m.body(i), m.offset(i));
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = streams[a].compareTo(streams[b]);
            if (c != 0) {
                return c;
            }
            c = Long.compare(ts[a], ts[b]);
            return c != 0 ? c : Long.compare(m.uid(a), m.uid(b));
        });
        out.begin(partition.path(), partition.newPartId());
        boolean success = false;
        try {
            for (int k = 0; k < n; k++) {
                int i = order[k];
                out.next(streams[i]).appendRecord(m.body(i), m.offset(i), m.length(i), m.uid(i));
            }
            Part part = out.publish(coveredSeq, new long[0], blooms);
            success = true;
            return part;
        } finally {
            if (!success) {
                out.abort();
            }
        }
    }

    @Override
    public void close() {
        out.close();
    }
}
