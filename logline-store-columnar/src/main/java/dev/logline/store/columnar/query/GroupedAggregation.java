package dev.logline.store.columnar.query;

import dev.logline.query.exec.Cells;
import dev.logline.query.exec.PipelineRunner;
import dev.logline.query.exec.QueryBudget;
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
import dev.logline.store.columnar.block.ValueCounts;
import dev.logline.store.columnar.part.BlockMeta;
import dev.logline.store.columnar.part.BlockReader;
import dev.logline.store.columnar.part.Part;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stats}/{@code timechart} column-wise: in each block, each row's group comes from dictionary codes (or, for
 * other columns, the value's table cell) and its time bucket; the block's groups map onto the query's groups (by their
 * key cells) and rows feed those groups' accumulators straight from the columns, numbers unboxed. A count by fields
 * constant in the block is one addition. {@link #finish} hands every group to the {@link PipelineRunner}, which runs
 * the pipes after it.
 *
 * @lucene.internal
 */
final class GroupedAggregation {

    /** Group fields handled here; more go through the runner row by row. */
    static final int MAX_FIELDS = 3;
    /** Time buckets × key combinations of one block counted in a plain array rather than a hash table. */
    private static final int MAX_DENSE_SLOTS = 1 << 16;

    private final PipelineRunner runner;
    private final List<String> by;
    private final long bucketMicros;
    private final List<Aggregate> aggregates;
    private final QueryBudget budget;
    /** The query's groups by key cells (bucket start first for timechart), each with one accumulator per aggregate. */
    private final Map<List<Object>, Accumulator[]> groups = new LinkedHashMap<>();
    private final LongIntMap local = new LongIntMap();
    private final ConstantValues constants = new ConstantValues();
    private final List<Accumulator[]> localGroups = new ArrayList<>();
    private long[] localCounts = new long[64];
    private int[] groupOf = new int[1024];
    private int[] denseGroups = new int[64];
    private long[] slotCounts = new long[64];
    private int[] slotFirst = new int[64];
    /** The bucket start of the block being read when it spans one bucket. */
    private long blockBucket;
    private boolean spansOneBucket;

    private GroupedAggregation(PipelineRunner runner, List<String> by, long bucketMicros, QueryBudget budget) {
        this.runner = runner;
        this.by = by;
        this.bucketMicros = bucketMicros;
        this.aggregates = runner.headAggregates();
        this.budget = budget;
    }

    /** The aggregation for the query's pipes, or null when its first pipe is not stats/timechart it can take. */
    static GroupedAggregation of(List<Pipe> pipes, PipelineRunner runner, QueryBudget budget) {
        if (pipes.isEmpty()) {
            return null;
        }
        Pipe head = pipes.get(0);
        if (head instanceof StatsPipe s && s.by().size() <= MAX_FIELDS) {
            return new GroupedAggregation(runner, s.by(), 0, budget);
        }
        if (head instanceof TimechartPipe t && t.by().size() <= MAX_FIELDS) {
            long micros = t.interval().toNanos() / 1_000L;
            return micros > 0 ? new GroupedAggregation(runner, t.by(), micros, budget) : null;
        }
        return null;
    }

    /** Aggregates the rows {@code hits} of a block; false (nothing done) when its group keys do not fit a long. */
    boolean accept(BlockReader block, BlockFilter fields, long[] hits) {
        int rows = block.rows();
        long firstBucket = bucketMicros > 0 ? Math.floorDiv(block.meta().minTs(), bucketMicros) : 0;
        long buckets = bucketMicros > 0 ? Math.floorDiv(block.meta().maxTs(), bucketMicros) - firstBucket + 1 : 1;
        // Times are read only when the block spans more than one bucket.
        spansOneBucket = buckets == 1;
        ColumnVector ts = buckets > 1 ? block.column(ColumnKey.TS) : null;
        this.blockBucket = firstBucket * bucketMicros;
        int codeBits = bitsFor(rows + 1);
        if (bitsFor(buckets) + codeBits * by.size() > 63) {
            return false;
        }
        Coder[] coders = new Coder[by.size()];
        boolean constantKeys = buckets == 1;
        for (int i = 0; i < coders.length; i++) {
            coders[i] = new Coder(fields.field(by.get(i)));
            constantKeys &= coders[i].isConstant();
        }
        local.clear();
        localGroups.clear();
        if (groupOf.length < rows) {
            groupOf = new int[rows];
        }
        int first = Bits.next(hits, 0);
        if (first < 0) {
            return true;
        }
        if (constantKeys) {
            localGroups.add(groupFor(fields, first));
            Arrays.fill(groupOf, 0, rows, 0);
        } else if (denseKeys(coders) > 0 && buckets * denseKeys(coders) <= MAX_DENSE_SLOTS) {
            // Dictionary keys only: a row's group is the slot of its time bucket and codes in a small array.
            int perBucket = denseKeys(coders);
            int slots = (int) buckets * perBucket;
            if (denseGroups.length < slots) {
                denseGroups = new int[slots];
            }
            Arrays.fill(denseGroups, 0, slots, -1);
            // Only count(): rows are tallied per slot and each slot's group is looked up once.
            boolean countOnly = countOnly();
            if (countOnly) {
                if (slotCounts.length < slots) {
                    slotCounts = new long[slots];
                    slotFirst = new int[slots];
                }
                Arrays.fill(slotCounts, 0, slots, 0);
            }
            int[] radix = new int[coders.length];
            for (int i = 0; i < coders.length; i++) {
                radix[i] = coders[i].cardinality();
            }
            long bucketEnd = Long.MIN_VALUE;
            int bucketBase = 0;
            for (int r = first; r >= 0; r = Bits.next(hits, r + 1)) {
                if (ts != null) {
                    long t = ts.number(r);
                    // Rows are in time order: the bucket changes rarely, so divide only when it does.
                    if (t >= bucketEnd || t < bucketEnd - bucketMicros) {
                        long bk = Math.floorDiv(t, bucketMicros);
                        bucketBase = (int) (bk - firstBucket) * perBucket;
                        bucketEnd = (bk + 1) * bucketMicros;
                    }
                }
                int slot = 0;
                for (int i = 0; i < coders.length; i++) {
                    slot = slot * radix[i] + (int) coders[i].code(r);
                }
                slot += bucketBase;
                if (countOnly) {
                    if (slotCounts[slot]++ == 0) {
                        slotFirst[slot] = r;
                    }
                    continue;
                }
                int g = denseGroups[slot];
                if (g < 0) {
                    g = localGroups.size();
                    denseGroups[slot] = g;
                    localGroups.add(groupFor(fields, r));
                }
                groupOf[r] = g;
            }
            if (countOnly) {
                for (int slot = 0; slot < slots; slot++) {
                    if (slotCounts[slot] > 0) {
                        for (Accumulator acc : groupFor(fields, slotFirst[slot])) {
                            acc.addRepeated(null, slotCounts[slot]);
                        }
                    }
                }
                return true;
            }
        } else {
            long bucketEnd = Long.MIN_VALUE;
            long bucket = 0;
            for (int r = first; r >= 0; r = Bits.next(hits, r + 1)) {
                long key = 0;
                if (ts != null) {
                    long t = ts.number(r);
                    // Rows are in time order: the bucket changes rarely, so divide only when it does.
                    if (t >= bucketEnd || t < bucketEnd - bucketMicros) {
                        long b = Math.floorDiv(t, bucketMicros);
                        bucket = b - firstBucket;
                        bucketEnd = (b + 1) * bucketMicros;
                    }
                    key = bucket;
                }
                for (Coder c : coders) {
                    key = (key << codeBits) | c.code(r);
                }
                int g = local.get(key);
                if (g < 0) {
                    g = localGroups.size();
                    local.put(key, g);
                    localGroups.add(groupFor(fields, r));
                }
                groupOf[r] = g;
            }
        }
        for (int a = 0; a < aggregates.size(); a++) {
            Aggregate agg = aggregates.get(a);
            if (agg instanceof CountAggregate && agg.field() == null) {
                count(a, hits);
            } else {
                feed(fields.field(agg.field()), a, hits);
            }
        }
        return true;
    }

    /** Whether every aggregate is a plain {@code count()}. */
    private boolean countOnly() {
        for (Aggregate a : aggregates) {
            if (!(a instanceof CountAggregate) || a.field() != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Counts a block from its index alone — when every aggregate is {@code count()}, every row of the block matches
     * and falls in one time bucket, and every group field is constant in the block or (at most one) a small
     * dictionary whose value counts the index keeps. False when the block's rows must be read instead.
     */
    boolean acceptFromIndex(Part part, int block, BlockPruner pruner) {
        if (!countOnly()) {
            return false;
        }
        BlockMeta m = part.index().block(block);
        long bucket = bucketMicros > 0 ? Math.floorDiv(m.minTs(), bucketMicros) : 0;
        if (bucketMicros > 0 && Math.floorDiv(m.maxTs(), bucketMicros) != bucket) {
            return false;
        }
        Object[] fixed = new Object[by.size()];
        int varying = -1;
        byte[] counts = null;
        int varyingPresent = 0;
        for (int i = 0; i < by.size(); i++) {
            ColumnKey key = pruner.columnFor(by.get(i), part, block);
            if (key == null) {
                return false;
            }
            int c = part.columnIndex(block, part.index().keyId(key));
            if (c < 0 || (m.isConstant(c) && m.present(c) == 0)) {
                fixed[i] = null;
            } else if (m.isConstant(c) && m.present(c) == m.rows()) {
                fixed[i] = Cells.of(constants.of(key, m.constValue(c)));
            } else if (m.valueCounts(c) != null && varying < 0) {
                varying = i;
                counts = m.valueCounts(c);
                varyingPresent = m.present(c);
            } else {
                return false;
            }
        }
        long bucketStart = bucket * bucketMicros;
        if (varying < 0) {
            addCount(bucketStart, fixed, m.rows());
            return true;
        }
        int v = varying;
        ValueCounts.forEach(counts, (value, rows) -> {
            fixed[v] = value;
            addCount(bucketStart, fixed, rows);
        });
        if (varyingPresent < m.rows()) {
            fixed[v] = null;
            addCount(bucketStart, fixed, m.rows() - varyingPresent);
        }
        return true;
    }

    private void addCount(long bucketStart, Object[] cells, long rows) {
        List<Object> key = new ArrayList<>(cells.length + 1);
        if (bucketMicros > 0) {
            key.add(bucketStart);
        }
        key.addAll(Arrays.asList(cells));
        Accumulator[] acc = groupOf(key);
        for (Accumulator a : acc) {
            a.addRepeated(null, rows);
        }
    }

    /** The accumulators of the query group that row {@code r} belongs to, made on first use. */
    private Accumulator[] groupFor(BlockFilter fields, int r) {
        List<Object> key = new ArrayList<>(by.size() + 1);
        if (bucketMicros > 0) {
            key.add(spansOneBucket ? blockBucket
                    : Math.floorDiv(fields.field("ts").column().number(r), bucketMicros) * bucketMicros);
        }
        for (String f : by) {
            key.add(Cells.of(fields.field(f).value(r)));
        }
        return groupOf(key);
    }

    /** The accumulators of a query group by its key cells, made on first use. */
    private Accumulator[] groupOf(List<Object> key) {
        Accumulator[] acc = groups.get(key);
        if (acc == null) {
            if (groups.size() >= budget.maxGroups()) {
                throw budget.tooManyGroups();
            }
            budget.chargeGroup(key, aggregates.size());
            acc = new Accumulator[aggregates.size()];
            for (int a = 0; a < acc.length; a++) {
                acc[a] = aggregates.get(a).newAccumulator(budget);
            }
            groups.put(key, acc);
        }
        return acc;
    }

    private void count(int a, long[] hits) {
        int n = localGroups.size();
        if (n == 1) {
            localGroups.get(0)[a].addRepeated(null, Bits.count(hits));
            return;
        }
        if (localCounts.length < n) {
            localCounts = new long[n];
        }
        Arrays.fill(localCounts, 0, n, 0);
        for (int r = Bits.next(hits, 0); r >= 0; r = Bits.next(hits, r + 1)) {
            localCounts[groupOf[r]]++;
        }
        for (int g = 0; g < n; g++) {
            if (localCounts[g] > 0) {
                localGroups.get(g)[a].addRepeated(null, localCounts[g]);
            }
        }
    }

    private void feed(FieldAccess access, int a, long[] hits) {
        ColumnVector c = access.column();
        boolean direct = access.isColumnOnly() && c != null;
        boolean single = localGroups.size() == 1;
        Accumulator only = single ? localGroups.get(0)[a] : null;
        for (int r = Bits.next(hits, 0); r >= 0; r = Bits.next(hits, r + 1)) {
            Accumulator acc = single ? only : localGroups.get(groupOf[r])[a];
            if (!direct) {
                acc.add(access.value(r));
                continue;
            }
            switch (c.type(r)) {
                case ValueType.LONG -> acc.addLong(c.number(r));
                case ValueType.DOUBLE -> acc.addDouble(c.doubleValue(r));
                case ValueType.ABSENT -> acc.add(null);
                default -> acc.add(c.value(r));
            }
        }
    }

    /** Hands every group to the runner. */
    void finish() {
        handOver(groups);
        groups.clear();
    }

    /** The groups gathered so far, taken out: this aggregation starts again empty. */
    Map<List<Object>, Accumulator[]> drain() {
        Map<List<Object>, Accumulator[]> out = new LinkedHashMap<>(groups);
        groups.clear();
        return out;
    }

    /** Hands groups (gathered by an aggregation of the same query) to the runner, which merges from them. */
    void handOver(Map<List<Object>, Accumulator[]> partial) {
        for (Map.Entry<List<Object>, Accumulator[]> g : partial.entrySet()) {
            List<Object> key = g.getKey();
            int offset = bucketMicros > 0 ? 1 : 0;
            runner.acceptPartial(field -> {
                if (bucketMicros > 0 && "ts".equals(field)) {
                    return key.get(0);
                }
                int i = by.indexOf(field);
                return i < 0 ? null : key.get(offset + i);
            }, g.getValue());
        }
    }

    /** The product of the coders' cardinalities when all are dictionaries and it is small, else 0. */
    private static int denseKeys(Coder[] coders) {
        long slots = 1;
        for (Coder c : coders) {
            int n = c.cardinality();
            if (n <= 0) {
                return 0;
            }
            slots *= n;
            if (slots > 4096) {
                return 0;
            }
        }
        return (int) slots;
    }

    private static int bitsFor(long n) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(n));
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

        /** Whether every row of the block has the same key value. */
        boolean isConstant() {
            if (dict != null) {
                return dict.isConstant();
            }
            return access.isColumnOnly() && access.column() == null;
        }

        /** The number of codes a dictionary coder gives (absent + entries), or 0 for a cell coder. */
        int cardinality() {
            return dict == null ? 0 : (dict.isConstant() ? 1 : dict.dictionarySize()) + 1;
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
