package dev.logline.store.columnar.query;

import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
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

import java.util.List;

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
     */
    public static Table run(BlockSet blocks, Query query, long from, long to, QueryBudget budget, ReadCost cost) {
        PipelineRunner run = new PipelineRunner(query.pipes(), budget.maxGroups(), budget);
        List<Pipe> pipes = query.pipes();
        boolean columnar = !pipes.isEmpty() && (pipes.get(0) instanceof StatsPipe || pipes.get(0) instanceof TimechartPipe);
        GroupedAggregation grouped = columnar ? GroupedAggregation.of(pipes, run, budget) : null;
        CompiledFilter compiled = new CompiledFilter(query.filter(), budget);
        BlockPruner pruner = new BlockPruner(compiled);
        for (BlockSet.Candidate cand : blocks.candidates()) {
            if (budget.timeUp()) {
                cost.timedOut = true;
                throw budget.timedOut();
            }
            cost.blocksConsidered++;
            try {
                Coverage coverage = pruner.coverage(cand.part(), cand.block());
                if (coverage == Coverage.NONE) {
                    continue;
                }
                if (grouped != null && coverage == Coverage.ALL && cand.minTs() >= from && cand.maxTs() < to
                        && grouped.acceptFromIndex(cand.part(), cand.block(), pruner)) {
                    cost.rowsScanned += cand.part().index().block(cand.block()).rows();
                    continue;
                }
                cost.blocksRead++;
                BlockReader reader = new BlockReader(cand.part(), cand.block());
                long[] rows = EventSearch.candidateRows(reader, from, to, true, null);
                cost.rowsScanned += Bits.count(rows);
                BlockFilter filter = new BlockFilter(compiled, reader);
                long[] hits = coverage == Coverage.ALL ? rows : filter.matches(rows);
                if (grouped != null && grouped.accept(reader, filter, hits)) {
                    continue;
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
            } catch (CorruptPartException e) {
                blocks.corrupt(e);
            }
        }
        if (grouped != null) {
            grouped.finish();
        }
        return run.table();
    }
}
