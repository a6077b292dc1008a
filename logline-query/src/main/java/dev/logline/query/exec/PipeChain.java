package dev.logline.query.exec;

import dev.logline.query.pipe.FieldsPipe;
import dev.logline.query.pipe.LimitPipe;
import dev.logline.query.pipe.Pipe;
import dev.logline.query.pipe.SortPipe;
import dev.logline.query.pipe.StatsPipe;
import dev.logline.query.pipe.TimechartPipe;
import dev.logline.query.pipe.WherePipe;

import java.util.ArrayList;
import java.util.List;

/**
 * The stages of a query's pipes in the order written, the one construction every front of the executor uses
 * ({@link PipelineRunner} for tables, {@link EventPipeline} for events).
 */
final class PipeChain {

    private final List<Stage> stages = new ArrayList<>();
    private final List<String> columns;
    private final boolean aggregating;

    /**
     * @param maxRows the most sorted rows or result rows any stage may hold
     * @param budget  the query's budget: groups per stats/timechart, memory every holding stage charges
     */
    PipeChain(List<Pipe> pipes, int maxRows, QueryBudget budget) {
        if (maxRows <= 0) {
            throw new IllegalArgumentException("maxRows must be positive, was " + maxRows);
        }
        List<String> cols = PipelineRunner.EVENT_COLUMNS;
        boolean aggregated = false;
        for (int i = 0; i < pipes.size(); i++) {
            Pipe p = pipes.get(i);
            if (p instanceof WherePipe) {
                stages.add(new WhereStage(((WherePipe) p).filter(), budget));
            } else if (p instanceof FieldsPipe) {
                cols = ((FieldsPipe) p).fields();
                stages.add(new FieldsStage(cols));
            } else if (p instanceof LimitPipe) {
                stages.add(new LimitStage(((LimitPipe) p).limit()));
            } else if (p instanceof SortPipe) {
                SortPipe s = (SortPipe) p;
                int keep = i + 1 < pipes.size() && pipes.get(i + 1) instanceof LimitPipe
                        ? ((LimitPipe) pipes.get(i + 1)).limit() : -1;
                stages.add(new SortStage(s.field(), s.descending(), keep, maxRows, budget));
            } else if (p instanceof StatsPipe) {
                StatsPipe s = (StatsPipe) p;
                cols = AggregateStage.columns(s.aggregates(), s.by(), false);
                stages.add(new AggregateStage(s.aggregates(), s.by(), 0, budget));
                aggregated = true;
            } else if (p instanceof TimechartPipe) {
                TimechartPipe t = (TimechartPipe) p;
                long micros = t.interval().toNanos() / 1_000L;
                if (micros <= 0) {
                    throw new IllegalArgumentException("timechart interval must be positive, was " + t.interval());
                }
                cols = AggregateStage.columns(t.aggregates(), t.by(), true);
                stages.add(new AggregateStage(t.aggregates(), t.by(), micros, budget));
                aggregated = true;
            } else {
                throw new IllegalArgumentException("unknown pipe " + p);
            }
        }
        this.columns = cols;
        this.aggregating = aggregated;
    }

    /** The columns of the last stage that chose them ({@code fields}, stats, timechart), else the event columns. */
    List<String> columns() {
        return columns;
    }

    /** Whether a stats or timechart stage turns the events into table rows. */
    boolean aggregating() {
        return aggregating;
    }

    /** Links the stages to the sink and returns the first stage (the sink itself when there are no pipes). */
    Stage linkTo(Stage sink) {
        List<Stage> all = new ArrayList<>(stages);
        all.add(sink);
        for (int i = 0; i + 1 < all.size(); i++) {
            all.get(i).next = all.get(i + 1);
        }
        return all.get(0);
    }
}
