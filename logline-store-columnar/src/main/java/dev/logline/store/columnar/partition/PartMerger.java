package dev.logline.store.columnar.partition;

import dev.logline.store.columnar.block.ColumnKey;
import dev.logline.store.columnar.block.ColumnVector;
import dev.logline.store.columnar.part.BlockMeta;
import dev.logline.store.columnar.part.BlockReader;
import dev.logline.store.columnar.part.BloomCache;
import dev.logline.store.columnar.part.Part;
import dev.logline.store.columnar.query.EventPosition;
import dev.logline.store.columnar.record.EventRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Merges parts of one partition into one: per stream, the rows of every input block are merged in time order (a
 * k-way merge over the inputs, each already sorted) and copied column by column into new blocks; no event is rebuilt.
 * An optional filter drops rows on the way (retention rules). One per merging thread.
 *
 * @lucene.internal
 */
public final class PartMerger implements AutoCloseable {

    /** Says which rows of a block to drop (a bit set of rows), or null to keep them all. */
    @FunctionalInterface
    public interface RowDropper {
        long[] drop(BlockReader block);
    }

    private final PartOutput out;
    private final BloomCache blooms;

    public PartMerger(int blockRows, long blockBytes, int zstdLevel, BloomCache blooms) {
        this.out = new PartOutput(blockRows, blockBytes, zstdLevel);
        this.blooms = blooms;
    }

    /** One input part's blocks of one stream, read in order. */
    private static final class Cursor {
        final List<Integer> blocks = new ArrayList<>();
        final Part part;
        int next;
        BlockReader reader;
        ColumnVector ts;
        ColumnVector uid;
        long[] dropped;
        int row;

        Cursor(Part part) {
            this.part = part;
        }

        /** Moves to the next row to keep; false at the end. */
        boolean advance(RowDropper dropper) {
            while (true) {
                if (reader != null && ++row < reader.rows()) {
                    if (dropped == null || (dropped[row >>> 6] & (1L << row)) == 0) {
                        return true;
                    }
                    continue;
                }
                if (next == blocks.size()) {
                    return false;
                }
                reader = new BlockReader(part, blocks.get(next++));
                ts = reader.column(ColumnKey.TS);
                uid = reader.column(ColumnKey.UID);
                dropped = dropper == null ? null : dropper.drop(reader);
                row = -1;
            }
        }

        long ts() {
            return ts.number(row);
        }

        long uid() {
            return uid.number(row);
        }
    }

    /**
     * Writes the merge of {@code inputs} as a new part of the partition (its index lists the inputs it replaces);
     * null when every row was dropped. The caller swaps it in with {@link DayPartition#replace}.
     */
    public Part merge(DayPartition partition, List<Part> inputs, RowDropper dropper) throws IOException {
        TreeMap<String, List<Cursor>> streams = new TreeMap<>();
        long coveredSeq = 0;
        long[] replaces = new long[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            Part p = inputs.get(i);
            replaces[i] = p.id();
            coveredSeq = Math.max(coveredSeq, p.index().coveredSeq());
            String current = null;
            Cursor cursor = null;
            for (int b = 0; b < p.index().blockCount(); b++) {
                String stream = streamOf(p, p.index().block(b));
                if (!stream.equals(current)) {
                    current = stream;
                    cursor = new Cursor(p);
                    streams.computeIfAbsent(stream, s -> new ArrayList<>()).add(cursor);
                }
                cursor.blocks.add(b);
            }
        }
        out.begin(partition.path(), partition.newPartId());
        boolean success = false;
        try {
            for (var e : streams.entrySet()) {
                PriorityQueue<Cursor> heap = new PriorityQueue<>((a, b) ->
                        EventPosition.compare(a.ts(), a.uid(), b.ts(), b.uid()));
                for (Cursor c : e.getValue()) {
                    if (c.advance(dropper)) {
                        heap.add(c);
                    }
                }
                while (!heap.isEmpty()) {
                    Cursor c = heap.poll();
                    out.next(e.getKey()).appendRow(c.reader, c.row);
                    if (c.advance(dropper)) {
                        heap.add(c);
                    }
                }
            }
            Part merged = out.publish(coveredSeq, replaces, blooms);
            success = true;
            return merged;
        } finally {
            if (!success) {
                out.abort();
            }
        }
    }

    /** A block's stream, from its constant service and host columns (as {@code EventRecord.stream} names it). */
    static String streamOf(Part p, BlockMeta b) {
        return EventRecord.streamKey(constText(p, b, ColumnKey.SERVICE), constText(p, b, ColumnKey.HOST));
    }

    private static String constText(Part p, BlockMeta b, ColumnKey key) {
        int id = p.index().keyId(key);
        int c = id < 0 ? -1 : b.columnOf(id);
        if (c < 0) {
            return null;
        }
        if (!b.isConstant(c)) {
            throw new IllegalStateException("block of " + p + " mixes streams in column " + key);
        }
        Object v = ColumnVector.constant(key, 1, b.constValue(c)).value(0);
        return v == null ? null : v.toString();
    }

    @Override
    public void close() {
        out.close();
    }
}
