package dev.logline.store.columnar.query;

import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.query.LqlPrinter;
import dev.logline.query.Query;
import dev.logline.query.exec.PipelineRunner;
import dev.logline.query.exec.QueryBudget;
import dev.logline.query.exec.Table;
import dev.logline.query.pipe.Pipe;
import dev.logline.query.pipe.StatsPipe;
import dev.logline.query.pipe.TimechartPipe;
import dev.logline.store.columnar.encoding.Bits;
import dev.logline.store.columnar.part.BlockReader;
import dev.logline.store.columnar.part.CorruptPartException;
import dev.logline.store.columnar.part.EventAssembler;
import dev.logline.store.columnar.part.Part;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a query's pipes over every event its filter matches in a time range: blocks are pruned and filtered as for a
 * search, then each matching row goes to logline-query's {@link PipelineRunner} — as column values when the first
 * pipe is {@code stats}/{@code timechart} (no event is built), as a rebuilt event otherwise.
 *
 * @lucene.internal
 */
public final class EventAggregation {

    private EventAggregation() {
    }

    /**
     * @param budget the query's deadline, checked between blocks and before each regular-expression test, and its
     *               groups and memory, charged as groups and values are kept
     * @param cache  partials of parts lying wholly inside the range, kept and reused for {@code stats}/{@code timechart}
     *               queries ({@link PartialCache#OFF} to read every block)
     */
    public static Table run(BlockSet blocks, Query query, long from, long to, QueryBudget budget, ReadCost cost,
                            PartialCache cache) {
        PipelineRunner run = new PipelineRunner(query.pipes(), budget.maxGroups(), budget);
        List<Pipe> pipes = query.pipes();
        boolean columnar = !pipes.isEmpty() && (pipes.get(0) instanceof StatsPipe || pipes.get(0) instanceof TimechartPipe);
        GroupedAggregation grouped = columnar ? GroupedAggregation.of(pipes, run, budget) : null;
        Scan scan = new Scan(blocks, new CompiledFilter(query.filter(), budget), run, columnar, from, to, budget, cost);
        boolean caching = grouped != null && cache.enabled();
        String cacheKey = caching ? LqlPrinter.print(query.filter()) + " | " + LqlPrinter.print(pipes.get(0)) : null;
        // The blocks of parts wholly inside the range, by part: their partials can be cached and reused.
        Map<Part, List<BlockSet.Candidate>> whole = new LinkedHashMap<>();
        for (BlockSet.Candidate cand : blocks.candidates(scan.pruner::mayMatchGroup)) {
            Part part = cand.part();
            if (caching && part.index().minTs() >= from && part.index().maxTs() < to) {
                whole.computeIfAbsent(part, k -> new ArrayList<>()).add(cand);
            } else {
                scan.block(cand, grouped);
            }
        }
        for (Map.Entry<Part, List<BlockSet.Candidate>> e : whole.entrySet()) {
            Part part = e.getKey();
            PartialCache.Partial partial = cache.get(part, cacheKey);
            if (partial == null) {
                GroupedAggregation own = GroupedAggregation.of(pipes, run, budget);
                boolean complete = true;
                for (BlockSet.Candidate cand : e.getValue()) {
                    complete &= scan.block(cand, own);
                }
                partial = PartialCache.Partial.of(own.drain());
                if (complete) {
                    cache.put(part, cacheKey, partial);
                }
            }
            grouped.handOver(partial.groups());
        }
        if (grouped != null) {
            grouped.finish();
        }
        return run.table();
    }

    /** Reads candidate blocks into a grouped aggregation or, row by row, into the runner. */
    private static final class Scan {
        private final BlockSet blocks;
        private final CompiledFilter compiled;
        private final BlockPruner pruner;
        private final PipelineRunner run;
        private final boolean columnar;
        private final long from;
        private final long to;
        private final QueryBudget budget;
        private final ReadCost cost;

        Scan(BlockSet blocks, CompiledFilter compiled, PipelineRunner run, boolean columnar, long from, long to,
             QueryBudget budget, ReadCost cost) {
            this.blocks = blocks;
            this.compiled = compiled;
            this.pruner = new BlockPruner(compiled);
            this.run = run;
            this.columnar = columnar;
            this.from = from;
            this.to = to;
            this.budget = budget;
            this.cost = cost;
        }

        /**
         * Reads one block; true when its matches went to {@code grouped} (or there were none), false when they went
         * to the runner row by row or the part turned out damaged.
         */
        boolean block(BlockSet.Candidate cand, GroupedAggregation grouped) {
            if (budget.timeUp()) {
                cost.timedOut = true;
                throw budget.timedOut();
            }
            cost.blocksConsidered++;
            try {
                Coverage coverage = pruner.coverage(cand.part(), cand.block());
                if (coverage == Coverage.NONE) {
                    return true;
                }
                if (grouped != null && coverage == Coverage.ALL && cand.minTs() >= from && cand.maxTs() < to
                        && grouped.acceptFromIndex(cand.part(), cand.block(), pruner)) {
                    cost.rowsScanned += cand.part().index().block(cand.block()).rows();
                    return true;
                }
                cost.blocksRead++;
                BlockReader reader = new BlockReader(cand.part(), cand.block());
                long[] rows = EventSearch.candidateRows(reader, from, to, true, null);
                cost.rowsScanned += Bits.count(rows);
                BlockFilter filter = new BlockFilter(compiled, reader);
                long[] hits = coverage == Coverage.ALL ? rows : filter.matches(rows);
                if (grouped != null && grouped.accept(reader, filter, hits)) {
                    return true;
                }
                if (columnar) {
                    BlockRowLookup row = new BlockRowLookup(filter);
                    for (int r = Bits.next(hits, 0); r >= 0; r = Bits.next(hits, r + 1)) {
                        run.acceptAggregated(row.at(r));
                    }
                } else {
                    for (int r = Bits.next(hits, 0); r >= 0; r = Bits.next(hits, r + 1)) {
                        LogEvent e = EventAssembler.event(reader, r);
                        run.accept(e, LogEventJson.toJsonBytes(e).length);
                    }
                }
                return false;
            } catch (CorruptPartException e) {
                blocks.corrupt(e);
                return false;
            }
        }
    }
}
