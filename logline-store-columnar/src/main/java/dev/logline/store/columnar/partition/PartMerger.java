package dev.logline.store.columnar.partition;

import dev.logline.store.columnar.block.BloomHashes;
import dev.logline.store.columnar.block.ColumnKey;
import dev.logline.store.columnar.block.ColumnVector;
import dev.logline.store.columnar.encoding.LongSet;
import dev.logline.store.columnar.part.BlockMeta;
import dev.logline.store.columnar.part.BlockReader;
import dev.logline.store.columnar.part.PartAccess;
import dev.logline.store.columnar.part.Part;
import dev.logline.store.columnar.query.EventPosition;
import dev.logline.store.columnar.record.EventRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Merges parts of one partition into one. Per stream, the input blocks are taken in time order: a block no other
 * input block overlaps in time, and full enough to stand alone, is copied as it is (chunks, filters and index entry;
 * only the hashes its filters hold are recomputed, for the group filters); overlapping blocks are merged row by row in
 * time order (a k-way merge, each input already sorted) and copied column by column into new blocks — no event is
 * rebuilt. An optional filter drops rows on the way (retention rules), which turns every copy into a row merge.
 * One per merging thread.
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
    private final PartAccess access;
    private final int blockRows;
    private final LongSet hashScratch = new LongSet();
    private long copiedBlocks;
    private long mergedBlocks;

    public PartMerger(int blockRows, long blockBytes, int zstdLevel, PartAccess access) {
        this.out = new PartOutput(blockRows, blockBytes, zstdLevel, access);
        this.access = access;
        this.blockRows = blockRows;
    }

    /** One input block. */
    private record Input(Part part, int block, long minTs, long maxTs, int rows) {
    }

    /** One input part's blocks of one overlapping run, read row by row in order. */
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
                reader = new BlockReader(part, blocks.get(next++)).prefetch();
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
        TreeMap<String, List<Input>> streams = new TreeMap<>();
        long coveredSeq = 0;
        long[] replaces = new long[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            Part p = inputs.get(i);
            replaces[i] = p.id();
            coveredSeq = Math.max(coveredSeq, p.index().coveredSeq());
            for (int b = 0; b < p.index().blockCount(); b++) {
                BlockMeta m = p.index().block(b);
                streams.computeIfAbsent(streamOf(p, m), s -> new ArrayList<>())
                        .add(new Input(p, b, m.minTs(), m.maxTs(), m.rows()));
            }
        }
        out.begin(partition.path(), partition.newPartId());
        boolean success = false;
        try {
            for (Map.Entry<String, List<Input>> e : streams.entrySet()) {
                mergeStream(e.getKey(), e.getValue(), dropper);
            }
            Part merged = out.publish(coveredSeq, replaces);
            success = true;
            return merged;
        } finally {
            if (!success) {
                out.abort();
            }
        }
    }

    private void mergeStream(String stream, List<Input> blocks, RowDropper dropper) throws IOException {
        blocks.sort(Comparator.comparingLong(Input::minTs).thenComparingLong(Input::maxTs));
        int i = 0;
        while (i < blocks.size()) {
            // A run of blocks that overlap one another in time (ties count: rows of equal times order by uid).
            int end = i + 1;
            long maxTs = blocks.get(i).maxTs();
            while (end < blocks.size() && blocks.get(end).minTs() <= maxTs) {
                maxTs = Math.max(maxTs, blocks.get(end).maxTs());
                end++;
            }
            Input only = blocks.get(i);
            if (end - i == 1 && dropper == null && only.rows() * 2 >= blockRows) {
                out.copy(stream, only.part(), only.block(), keyId -> hashes(only, keyId));
                copiedBlocks++;
            } else {
                mergeRows(stream, blocks.subList(i, end), dropper);
            }
            i = end;
        }
    }

    /** The hashes a copied block's filter of one key holds, recomputed from the column. */
    private long[] hashes(Input in, int keyId) {
        BlockReader reader = new BlockReader(in.part(), in.block());
        ColumnVector v = reader.decoded(in.part().columnIndex(in.block(), keyId));
        hashScratch.clear();
        BloomHashes.of(v, hashScratch);
        long[] outHashes = new long[hashScratch.size()];
        int[] k = {0};
        hashScratch.forEach(h -> outHashes[k[0]++] = h);
        return outHashes;
    }

    private void mergeRows(String stream, List<Input> run, RowDropper dropper) throws IOException {
        Map<Part, Cursor> byPart = new LinkedHashMap<>();
        for (Input in : run) {
            byPart.computeIfAbsent(in.part(), Cursor::new).blocks.add(in.block());
        }
        PriorityQueue<Cursor> heap = new PriorityQueue<>((a, b) ->
                EventPosition.compare(a.ts(), a.uid(), b.ts(), b.uid()));
        for (Cursor c : byPart.values()) {
            c.blocks.sort(Comparator.naturalOrder());
            if (c.advance(dropper)) {
                heap.add(c);
            }
        }
        while (!heap.isEmpty()) {
            Cursor c = heap.poll();
            out.next(stream).appendRow(c.reader, c.row);
            if (c.advance(dropper)) {
                heap.add(c);
            }
        }
        mergedBlocks += run.size();
    }

    /** Input blocks copied as they were since this merger was made. */
    public long copiedBlocks() {
        return copiedBlocks;
    }

    /** Input blocks merged row by row since this merger was made. */
    public long mergedBlocks() {
        return mergedBlocks;
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
