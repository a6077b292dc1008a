package dev.logline.query.exec;

import dev.logline.query.Query;
import dev.logline.query.filter.AndFilter;
import dev.logline.query.filter.Filter;
import dev.logline.query.filter.MatchAllFilter;
import dev.logline.query.pipe.FieldsPipe;
import dev.logline.query.pipe.Pipe;
import dev.logline.query.pipe.StatsPipe;
import dev.logline.query.pipe.TimechartPipe;
import dev.logline.query.pipe.WherePipe;

import java.util.ArrayList;
import java.util.List;

/**
 * How a query divides between a store and the pipe executor, without changing what it means. The filter and the
 * {@code where} pipes that come first (the same test on the same events) become one filter a store can answer
 * from its index; the pipes after them up to the first {@code stats}/{@code timechart} act on events, newest
 * first; that stats or timechart and everything after it act on table rows.
 *
 * @param filter      the query's filter and its leading {@code where} pipes, AND-ed
 * @param eventPipes  the pipes after those, up to the first stats or timechart
 * @param tablePipes  the first stats or timechart and every pipe after it; empty for an event query
 */
public record QueryPlan(Filter filter, List<Pipe> eventPipes, List<Pipe> tablePipes) {

    public QueryPlan {
        eventPipes = List.copyOf(eventPipes);
        tablePipes = List.copyOf(tablePipes);
    }

    /** Plans a parsed query. */
    public static QueryPlan of(Query query) {
        List<Filter> filters = new ArrayList<>();
        add(filters, query.filter());
        List<Pipe> pipes = query.pipes();
        int i = 0;
        while (i < pipes.size() && pipes.get(i) instanceof WherePipe) {
            add(filters, ((WherePipe) pipes.get(i)).filter());
            i++;
        }
        int table = i;
        while (table < pipes.size() && !(pipes.get(table) instanceof StatsPipe)
                && !(pipes.get(table) instanceof TimechartPipe)) {
            table++;
        }
        Filter filter = filters.isEmpty() ? MatchAllFilter.INSTANCE
                : filters.size() == 1 ? filters.get(0) : new AndFilter(filters);
        return new QueryPlan(filter, pipes.subList(i, table), pipes.subList(table, pipes.size()));
    }

    private static void add(List<Filter> filters, Filter f) {
        if (f instanceof MatchAllFilter) {
            return;
        }
        if (f instanceof AndFilter) {
            filters.addAll(((AndFilter) f).filters());
        } else {
            filters.add(f);
        }
    }

    /** Whether the answer is a table (the query has stats or timechart). */
    public boolean aggregating() {
        return !tablePipes.isEmpty();
    }

    /**
     * Whether the event pipes are only {@code where} and {@code fields}, which treat each event on its own: a store
     * may then run the whole query in any order, and an event answer can be paged with the store's cursor.
     */
    public boolean eventPipesStream() {
        return EventPipeline.streams(eventPipes);
    }

    /** The event pipes without the {@code fields} pipes at their end, which choose what is shown, not which events. */
    public List<Pipe> selectingPipes() {
        int end = eventPipes.size();
        while (end > 0 && eventPipes.get(end - 1) instanceof FieldsPipe) {
            end--;
        }
        return eventPipes.subList(0, end);
    }

    /** The filter alone, as a store's event search takes it. */
    public Query filterQuery() {
        return new Query(filter, List.of());
    }

    /** The filter with every pipe after it: the query a store's aggregation runs. */
    public Query storeQuery() {
        List<Pipe> all = new ArrayList<>(eventPipes);
        all.addAll(tablePipes);
        return new Query(filter, all);
    }

    /** Every pipe after the filter, in order. */
    public List<Pipe> pipes() {
        return storeQuery().pipes();
    }
}
