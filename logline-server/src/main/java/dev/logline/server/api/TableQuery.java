package dev.logline.server.api;

import dev.logline.query.exec.PipelineRunner;
import dev.logline.query.exec.QueryBudget;
import dev.logline.query.exec.QueryPlan;
import dev.logline.query.exec.Table;
import dev.logline.store.LogStore;
import dev.logline.store.QueryCost;
import dev.logline.store.SearchRequest;
import dev.logline.store.TableResult;

import java.time.Duration;
import java.util.List;

/**
 * Runs a query that ends in {@code stats}/{@code timechart} and yields its table, the one aggregation path of the
 * server (the search API and alert evaluations both come here): the store runs the whole query when the pipes
 * before the stats treat events one by one; otherwise the newest {@link EventScan#MAX_EVENTS} matches are read
 * and run through logline-query's executor in LQL's order.
 */
public final class TableQuery {

    /**
     * A table and what it cost.
     *
     * @param truncated more events matched than were read into pipes the store could not run
     */
    public record Answer(List<String> columns, List<List<Object>> rows, QueryCost cost, boolean truncated) {
    }

    private TableQuery() {
    }

    /**
     * @param plan    a planned query whose {@link QueryPlan#aggregating()} is true
     * @param maxRows the most groups (rows) the table may have; more is a {@code QueryLimitException}
     */
    public static Answer run(LogStore store, String tenant, QueryPlan plan, TimeRange range, Duration timeout,
                             int maxRows) {
        return run(store, tenant, plan, range, QueryBudget.timeOnly(timeout), maxRows);
    }

    /**
     * @param plan    a planned query whose {@link QueryPlan#aggregating()} is true
     * @param budget  the query's time, memory and group bounds
     * @param maxRows the most groups (rows) the table may have; more is a {@code QueryLimitException}
     */
    public static Answer run(LogStore store, String tenant, QueryPlan plan, TimeRange range, QueryBudget budget,
                             int maxRows) {
        if (plan.eventPipesStream()) {
            TableResult t = ApiEndpoint.storeCall(plan, () -> store.aggregate(new SearchRequest(tenant,
                    plan.storeQuery(), range.fromMicros(), range.toMicros(), maxRows, null, null, budget)));
            return new Answer(t.columns(), t.rows(), t.cost(), false);
        }
        PipelineRunner runner = new PipelineRunner(plan.pipes(), maxRows, budget);
        EventScan.Outcome scan = ApiEndpoint.storeCall(plan, () -> EventScan.run(store, tenant, plan.filterQuery(),
                range, null, budget, false, EventScan.MAX_EVENTS, () -> runner.saturated() ? 0 : EventScan.MAX_EVENTS,
                e -> runner.accept(e.event(), e.sizeBytes())));
        Table t = runner.table();
        return new Answer(t.columns(), t.rows(), scan.cost(), scan.truncated());
    }
}
