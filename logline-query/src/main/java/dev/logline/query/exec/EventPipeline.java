package dev.logline.query.exec;

import dev.logline.core.LogEvent;
import dev.logline.query.match.EventFieldLookup;
import dev.logline.query.pipe.FieldsPipe;
import dev.logline.query.pipe.Pipe;
import dev.logline.query.pipe.WherePipe;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the pipes of a query that yields events (no stats or timechart) through the same stages as
 * {@link PipelineRunner}, and answers the events themselves: each event comes with a caller's handle (a stored
 * event with its id, say) and the handles of the events that pass every pipe come out in the pipes' order.
 *
 * <p>Feed events newest first, the order LQL's {@code limit} and a stable {@code sort} are defined on. Memory is
 * bounded by {@code maxRows} (rows a {@code sort} holds, events returned), else {@link QueryLimitException}.
 * Not thread-safe: one pipeline per query execution.
 *
 * @param <E> the caller's handle of an event
 */
public final class EventPipeline<E> {

    private final Stage head;
    private final HandleSink sink;
    private final Projection projection;
    private boolean finished;

    /** Without a time or memory bound: at most {@code maxRows} sorted rows or events returned. */
    public EventPipeline(List<Pipe> pipes, int maxRows) {
        this(pipes, maxRows, QueryBudget.unbounded(maxRows));
    }

    /**
     * A pipeline that charges the rows a sort holds and the events kept for the answer to the query's budget, and
     * checks its deadline in {@code where} pipes.
     *
     * @throws IllegalArgumentException when a pipe is stats or timechart (their result is a table: use
     *                                  {@link PipelineRunner})
     */
    public EventPipeline(List<Pipe> pipes, int maxRows, QueryBudget budget) {
        PipeChain chain = new PipeChain(pipes, maxRows, budget);
        if (chain.aggregating()) {
            throw new IllegalArgumentException("stats and timechart make a table, not events; use PipelineRunner");
        }
        sink = new HandleSink(maxRows, budget);
        head = chain.linkTo(sink);
        projection = Projection.of(pipes);
    }

    /**
     * Whether events from a source that is read page by page keep their order and each passes or not on its own,
     * so the output can be paged with the source's cursor: true when the pipes are only {@code where} and
     * {@code fields}.
     */
    public static boolean streams(List<Pipe> pipes) {
        return pipes.stream().allMatch(p -> p instanceof WherePipe || p instanceof FieldsPipe);
    }

    /** Feeds one event; {@code sizeBytes} is its JSON byte length (the {@code _size} pseudo-field). */
    public void accept(LogEvent event, int sizeBytes, E handle) {
        if (finished) {
            throw new IllegalStateException("events() was already called; the pipeline takes no more events");
        }
        head.accept(new EventRow(new EventFieldLookup(event, sizeBytes), handle));
    }

    /** Whether no further event can change the result (a {@code limit} has passed its rows): stop reading. */
    public boolean saturated() {
        return head.saturated();
    }

    /** How many events have come out so far (all of them for streaming pipes; none before the end of a sort). */
    public int emitted() {
        return sink.handles.size();
    }

    /** The handles of the events that passed every pipe, in order; the first call ends the input. */
    @SuppressWarnings("unchecked")
    public List<E> events() {
        if (!finished) {
            finished = true;
            head.finish();
        }
        return (List<E>) List.copyOf(sink.handles);
    }

    /** What the {@code fields} pipes leave visible. */
    public Projection projection() {
        return projection;
    }

    /** Collects the handles of the rows that reach the end. */
    private static final class HandleSink extends Stage {
        final List<Object> handles = new ArrayList<>();
        private final int maxRows;
        private final QueryBudget budget;

        HandleSink(int maxRows, QueryBudget budget) {
            this.maxRows = maxRows;
            this.budget = budget;
        }

        @Override
        void accept(Row row) {
            if (handles.size() >= maxRows) {
                throw new QueryLimitException("the query returns more than " + maxRows
                        + " events; add '| limit N' or narrow the filter");
            }
            budget.charge(SortStage.bytes(row), "events");
            handles.add(row.handle());
        }

        @Override
        boolean saturated() {
            return false;
        }

        @Override
        void finish() {
            // the handles are read by events()
        }
    }
}
