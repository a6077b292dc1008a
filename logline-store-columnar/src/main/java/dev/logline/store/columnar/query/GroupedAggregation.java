package dev.logline.store.columnar.query;

import dev.logline.query.exec.PipelineRunner;
import dev.logline.query.exec.Cells;
import dev.logline.query.pipe.Pipe;
import dev.logline.query.pipe.StatsPipe;
import dev.logline.query.pipe.TimechartPipe;
import dev.logline.query.stats.Accumulator;
import dev.logline.query.stats.Aggregate;
import dev.logline.query.stats.CountAggregate;
import dev.logline.store.columnar.block.ColumnKey;
import dev.logline.store.columnar.block.ColumnVector;
import dev.logline.store.columnar.block.ValueType;
import dev.logline.store.columnar.encoding.Bits;
import dev.logline.store.columnar.encoding.LongIntMap;
import dev.logline.store.columnar.part.BlockReader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stats}/{@code timechart} over one block at a time, column-wise: each row's group comes from dictionary codes
 * (or, for other columns, the value's table cell) and its time bucket, each group gets partial accumulators fed
 * straight from the columns (numbers unboxed), and the partials of every group go to the {@link PipelineRunner} once
 * per block. A count by fields that are constant in the block is one addition.
 *
 * @lucene.internal
 */
final class GroupedAggregation {

    /** Group fields handled here; more go through the runner row by row. */
    static final int MAX_FIELDS = 3;

    private final PipelineRunner runner;
    private final List<String> by;
    private final long bucketMicros;
    private final List<Aggregate> aggregates;
    private final LongIntMap groups = new LongIntMap();
    private final List<Accumulator[]> partials = new ArrayList<>();
    private final List<Integer> representatives = new ArrayList<>();

    private GroupedAggregation(PipelineRunner runner, List<String> by, long bucketMicros) {
        this.runner = runner;
        this.by = by;
        this.bucketMicros = bucketMicros;
        this.aggregates = runner.headAggregates();
    }

    /** The aggregation for the query's pipes, or null when its first pipe is not stats/timechart it can take. */
    static GroupedAggregation of(List<Pipe> pipes, PipelineRunner runner) {
        if (pipes.isEmpty()) {
            return null;
        }
        Pipe head = pipes.get(0);
        if (head instanceof StatsPipe s && s.by().size() <= MAX_FIELDS) {
            return new GroupedAggregation(runner, s.by(), 0);
        }
        if (head instanceof TimechartPipe t && t.by().size() <= MAX_FIELDS) {
            long micros = t.interval().toNanos() / 1_000L;
            return micros > 0 ? new GroupedAggregation(runner, t.by(), micros) : null;
        }
        return null;
    }

    /** Aggregates the rows {@code hits} of a block; false (nothing done) when its group keys do not fit a long. */
    boolean accept(BlockReader block, BlockFilter fields, long[] hits) {
        groups.clear();
        partials.clear();
        representatives.clear();
        int rows = block.rows();
        int[] groupOf = new int[rows];
        ColumnVector ts = bucketMicros > 0 ? block.column(ColumnKey.TS) : null;
        long firstBucket = bucketMicros > 0 ? Math.floorDiv(block.meta().minTs(), bucketMicros) : 0;
        long buckets = bucketMicros > 0 ? Math.floorDiv(block.meta().maxTs(), bucketMicros) - firstBucket + 1 : 1;
        int codeBits = bitsFor(rows + 1);
        if (bitsFor(buckets) + codeBits * by.size() > 63) {
            return false;
        }
        Coder[] coders = new Coder[by.size()];
        for (int i = 0; i < coders.length; i++) {
            coders[i] = new Coder(fields.field(by.get(i)));
        }
        for (int r = Bits.next(hits, 0); r >= 0; r = Bits.next(hits, r + 1)) {
            long key = ts == null ? 0 : Math.floorDiv(ts.number(r), bucketMicros) - firstBucket;
            for (Coder c : coders) {
                key = (key << codeBits) | c.code(r);
            }
            int g = groups.get(key);
            if (g < 0) {
                g = partials.size();
                groups.put(key, g);
                Accumulator[] acc = new Accumulator[aggregates.size()];
                for (int a = 0; a < acc.length; a++) {
                    acc[a] = aggregates.get(a).newAccumulator();
                }
                partials.add(acc);
                representatives.add(r);
            }
            groupOf[r] = g;
        }
        for (int a = 0; a < aggregates.size(); a++) {
            Aggregate agg = aggregates.get(a);
            if (agg instanceof CountAggregate && agg.field() == null) {
                if (partials.size() == 1) {
                    partials.get(0)[a].addRepeated(null, Bits.count(hits));
                    continue;
                }
                for (int r = Bits.next(hits, 0); r >= 0; r = Bits.next(hits, r + 1)) {
                    partials.get(groupOf[r])[a].add(null);
                }
                continue;
            }
            feed(fields.field(agg.field()), a, hits, groupOf);
        }
        BlockRowLookup row = new BlockRowLookup(fields);
        for (int g = 0; g < partials.size(); g++) {
            runner.acceptPartial(row.at(representatives.get(g)), partials.get(g));
        }
        return true;
    }

    private static int bitsFor(long n) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(n));
    }

    private void feed(FieldAccess access, int a, long[] hits, int[] groupOf) {
        ColumnVector c = access.column();
        boolean direct = access.isColumnOnly() && c != null;
        for (int r = Bits.next(hits, 0); r >= 0; r = Bits.next(hits, r + 1)) {
            Accumulator acc = partials.get(groupOf[r])[a];
            if (direct) {
                switch (c.type(r)) {
                    case ValueType.LONG -> acc.addLong(c.number(r));
                    case ValueType.DOUBLE -> acc.addDouble(c.doubleValue(r));
                    case ValueType.ABSENT -> acc.add(null);
                    default -> acc.add(c.value(r));
                }
            } else {
                acc.add(access.value(r));
            }
        }
    }

    /** A block-local code per row for one group field: its dictionary code, or an id per distinct cell. */
    private static final class Coder {
        private final FieldAccess access;
        private final ColumnVector dict;
        private final Map<Object, Integer> cells;

        Coder(FieldAccess access) {
            this.access = access;
            ColumnVector c = access.column();
            this.dict = access.isColumnOnly() && c != null && c.hasDictionary() ? c : null;
            this.cells = dict == null ? new HashMap<>() : null;
        }

        long code(int row) {
            if (dict != null) {
                return dict.code(row) + 1L;
            }
            Object cell = Cells.of(access.value(row));
            Integer id = cells.get(cell);
            if (id == null) {
                id = cells.size();
                cells.put(cell, id);
            }
            return id;
        }
    }

}
