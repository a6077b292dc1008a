package dev.logline.query.exec;

import dev.logline.core.LogEvent;
import dev.logline.query.match.EventFieldLookup;
import dev.logline.query.match.FieldLookup;
import dev.logline.query.pipe.Pipe;

import java.util.List;

/**
 * Runs a query's pipes over the events its filter matched and yields the resulting {@link Table}. Stats and
 * timechart give the same table whatever order the events come in; a {@code limit} before them keeps the first
 * events it is given, so callers that honour LQL's order feed events newest first (see {@code docs/QUERY.md}).
 *
 * <p>Stages run in the order written; {@code where}, {@code fields} and {@code limit} stream, {@code sort},
 * {@code stats} and {@code timechart} hold what they need until {@link #table()}. Memory is bounded: at most
 * {@code maxGroups} groups, sorted rows or result rows, else {@link QueryLimitException}. Without stats or
 * timechart the rows are events with the columns of the last {@code fields} pipe, or {@link #EVENT_COLUMNS}.
 * Not thread-safe: one runner per query execution.
 */
public final class PipelineRunner {

    /** The columns of event rows when no {@code fields} pipe chose them. */
    public static final List<String> EVENT_COLUMNS = List.of("ts", "level", "service", "msg");

    private final Stage head;
    private final TableSink sink;
    private final boolean aggregating;
    private Table table;

    /** Without a time or memory bound: at most {@code maxGroups} groups, sorted rows or result rows. */
    public PipelineRunner(List<Pipe> pipes, int maxGroups) {
        this(pipes, maxGroups, QueryBudget.unbounded(maxGroups));
    }

    /**
     * @param maxRows sorted rows or result rows held at most
     * @param budget  the query's budget: its groups per stats or timechart, and memory every holding stage charges
     */
    public PipelineRunner(List<Pipe> pipes, int maxRows, QueryBudget budget) {
        if (maxRows <= 0) {
            throw new IllegalArgumentException("maxRows must be positive, was " + maxRows);
        }
        PipeChain chain = new PipeChain(pipes, maxRows, budget);
        sink = new TableSink(chain.columns(), maxRows);
        head = chain.linkTo(sink);
        aggregating = chain.aggregating();
    }

    /** Whether the pipes include stats or timechart (the result is a table rather than a page of events). */
    public boolean isAggregating() {
        return aggregating;
    }

    /** Feeds one matching event; {@code sizeBytes} is its JSON byte length (the {@code _size} pseudo-field). */
    public void accept(LogEvent event, int sizeBytes) {
        if (table != null) {
            throw new IllegalStateException("table() was already called; the runner takes no more events");
        }
        head.accept(new EventRow(new EventFieldLookup(event, sizeBytes)));
    }

    /**
     * Feeds one matching event given as its field values, for a store that reads an aggregation's fields from
     * columns instead of building events. Only when the first pipe is stats or timechart, which read the values
     * during the call and keep none of them, so the caller may reuse {@code fields} for the next event.
     */
    public void acceptAggregated(FieldLookup fields) {
        acceptAggregated(fields, 1);
    }

    /**
     * Like {@link #acceptAggregated(FieldLookup)} for {@code times} events with the same values of every field the
     * pipes read, e.g. a store's count of the events of one group.
     */
    public void acceptAggregated(FieldLookup fields, long times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        if (table != null) {
            throw new IllegalStateException("table() was already called; the runner takes no more events");
        }
        if (!(head instanceof AggregateStage)) {
            throw new IllegalStateException("acceptAggregated needs a query whose first pipe is stats or timechart");
        }
        ((AggregateStage) head).acceptRepeated(new EventRow(fields), times);
    }

    /**
     * The aggregates of the first pipe when it is stats or timechart, for a store that accumulates groups itself and
     * hands them over with {@link #acceptPartial}; empty otherwise.
     */
    public List<dev.logline.query.stats.Aggregate> headAggregates() {
        return head instanceof AggregateStage ? ((AggregateStage) head).aggregates() : List.of();
    }

    /**
     * Folds the partial results of one group, accumulated by the caller (one accumulator per
     * {@link #headAggregates() head aggregate}, made by its {@code newAccumulator()}) over events that all share
     * {@code key}'s values of the group fields — and for timechart a {@code ts} in the same bucket.
     */
    public void acceptPartial(FieldLookup key, dev.logline.query.stats.Accumulator[] partials) {
        if (table != null) {
            throw new IllegalStateException("table() was already called; the runner takes no more events");
        }
        if (!(head instanceof AggregateStage)) {
            throw new IllegalStateException("acceptPartial needs a query whose first pipe is stats or timechart");
        }
        ((AggregateStage) head).acceptPartial(new EventRow(key), partials);
    }

    /**
     * Whether no further event can change the result: a {@code limit} that only streaming pipes precede has passed
     * its rows. A caller feeding events newest first may stop reading then.
     */
    public boolean saturated() {
        return head.saturated();
    }

    /** The result after every pipe; the first call ends the input. */
    public Table table() {
        if (table == null) {
            head.finish();
            table = sink.table();
        }
        return table;
    }
}
