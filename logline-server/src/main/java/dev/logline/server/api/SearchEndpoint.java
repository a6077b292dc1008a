package dev.logline.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.core.LogEventJson;
import dev.logline.core.Timestamps;
import dev.logline.query.exec.EventPipeline;
import dev.logline.query.exec.Projection;
import dev.logline.query.exec.QueryBudget;
import dev.logline.query.exec.QueryPlan;
import dev.logline.query.pipe.Pipe;
import dev.logline.query.pipe.StatsPipe;
import dev.logline.query.pipe.TimechartPipe;
import dev.logline.server.http.JsonResponse;
import dev.logline.store.QueryCost;
import dev.logline.store.StoredEvent;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * {@code GET|POST /api/v1/search} ({@code q, from, to, last, limit, cursor}): events newest first, a page at a
 * time, or the table of a query with {@code stats}/{@code timechart}. Every pipe runs through logline-query's
 * executor in the order written ({@link QueryPlan}): the filter and leading {@code where}s go to the store's
 * index; event pipes of only {@code where}/{@code fields} are paged with the store's cursor; others
 * ({@code sort}, {@code limit}) see up to {@link EventScan#MAX_EVENTS} matches newest first and answer once,
 * without a cursor. See {@code docs/QUERY.md} ("How pipes compose").
 */
final class SearchEndpoint extends ApiEndpoint {

    /** Rows of a stats/timechart table. */
    static final int MAX_TABLE_ROWS = 10_000;

    /** The timechart bucket column; its epoch-micros cells are written as RFC 3339 times. */
    static final String TIME_COLUMN = "_time";

    SearchEndpoint(ApiBackend backend) {
        super(backend, List.of("q", "from", "to", "last", "limit", "cursor"));
    }

    @Override
    HttpResponse handle(ServiceRequestContext ctx, String tenant, ApiParams params) {
        QueryPlan plan = QueryPlan.of(query(params));
        TimeRange range = range(params, Duration.ofMinutes(15));
        QueryBudget budget = budget();
        int limit = intParam(params, "limit", backend.config().defaultSearchLimit(), 1, backend.config().maxSearchLimit());
        return JsonResponse.of(HttpStatus.OK, answer(tenant, plan, range, limit, blankToNull(params.get("cursor")),
                budget));
    }

    /**
     * Runs a planned query and returns its answer, the JSON object this endpoint sends (dashboard panels reuse it).
     *
     * @param cursor where a paged event answer continues, or {@code null}
     * @param budget the query's time, memory and group bounds
     */
    JsonResponse.Body answer(String tenant, QueryPlan plan, TimeRange range, int limit, String cursor,
                             QueryBudget budget) {
        boolean paged = !plan.aggregating() && plan.eventPipesStream();
        if (cursor != null && !paged) {
            throw new IllegalArgumentException("parameter 'cursor': this query answers once, without pages ("
                    + (plan.aggregating() ? "it makes a table" : "its sort or limit pipe sees every match")
                    + "); drop the cursor");
        }
        if (plan.aggregating()) {
            return table(tenant, plan, range, budget);
        }
        EventPipeline<StoredEvent> pipeline = new EventPipeline<>(plan.eventPipes(), EventScan.MAX_EVENTS, budget);
        EventScan.Outcome scan;
        if (paged) {
            // Each page read asks for what is still missing, so the store's cursor lands after the last event used.
            scan = scan(tenant, plan, range, cursor, budget, true, () -> limit - pipeline.emitted(), pipeline);
        } else {
            scan = scan(tenant, plan, range, null, budget, false,
                    () -> pipeline.saturated() ? 0 : EventScan.MAX_EVENTS, pipeline);
        }
        List<StoredEvent> events = pipeline.events();
        List<StoredEvent> page = events.subList(0, Math.min(limit, events.size()));
        Projection projection = pipeline.projection();
        return g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("events");
            for (StoredEvent e : page) {
                EventWriter.write(g, e, projection.fields(), projection::visible);
            }
            g.writeEndArray();
            g.writeStringField("cursor", paged ? scan.cursor() : null);
            if (scan.truncated() && !paged) {
                g.writeBooleanField("truncated", true);
            }
            writeCost(g, scan.cost());
            g.writeEndObject();
        };
    }

    private EventScan.Outcome scan(String tenant, QueryPlan plan, TimeRange range, String cursor, QueryBudget budget,
                                   boolean paged, IntSupplier wanted, EventPipeline<StoredEvent> pipeline) {
        return storeCall(plan, () -> EventScan.run(backend.store(), tenant, plan.filterQuery(), range, cursor,
                budget, paged, EventScan.MAX_EVENTS, wanted, e -> pipeline.accept(e.event(), e.sizeBytes(), e)));
    }

    /** A stats/timechart table, run by {@link TableQuery}. */
    private JsonResponse.Body table(String tenant, QueryPlan plan, TimeRange range, QueryBudget budget) {
        TableQuery.Answer t = TableQuery.run(backend.store(), tenant, plan, range, budget, MAX_TABLE_ROWS);
        List<String> columns = t.columns();
        List<List<Object>> rows = t.rows();
        QueryCost cost = t.cost();
        boolean cut = t.truncated();
        return g -> {
            g.writeStartObject();
            writeTable(g, columns, rows);
            writeShape(g, plan, range);
            if (cut) {
                g.writeBooleanField("truncated", true);
            }
            writeCost(g, cost);
            g.writeEndObject();
        };
    }

    static void writeTable(JsonGenerator g, List<String> columns, List<List<Object>> rows) throws IOException {
        g.writeArrayFieldStart("columns");
        for (String c : columns) {
            g.writeString(c);
        }
        g.writeEndArray();
        int timeColumn = columns.indexOf(TIME_COLUMN);
        g.writeArrayFieldStart("rows");
        for (List<Object> row : rows) {
            g.writeStartArray();
            for (int i = 0; i < row.size(); i++) {
                Object cell = row.get(i);
                if (i == timeColumn && cell instanceof Number) {
                    g.writeString(Timestamps.formatMicros(((Number) cell).longValue()));
                } else {
                    LogEventJson.writeValue(g, cell);
                }
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    /**
     * What a chart needs to draw a table truthfully: {@code group_by}, the columns that are group keys (the rest are
     * aggregates), and for a timechart its bucket ({@code interval_ms}) and the range ({@code from}, {@code to}), so
     * empty buckets (absent from the rows) can be drawn over the whole range.
     */
    private static void writeShape(JsonGenerator g, QueryPlan plan, TimeRange range) throws IOException {
        List<String> by = List.of();
        TimechartPipe timechart = null;
        for (Pipe p : plan.tablePipes()) {
            if (p instanceof StatsPipe stats) {
                by = stats.by();
                timechart = null;
            } else if (p instanceof TimechartPipe t) {
                by = t.by();
                timechart = t;
            }
        }
        g.writeArrayFieldStart("group_by");
        if (timechart != null) {
            g.writeString(TIME_COLUMN);
        }
        for (String f : by) {
            g.writeString(f);
        }
        g.writeEndArray();
        if (timechart != null) {
            g.writeNumberField("interval_ms", timechart.interval().toMillis());
            g.writeStringField("from", Timestamps.formatMicros(range.fromMicros()));
            g.writeStringField("to", Timestamps.formatMicros(range.toMicros()));
        }
    }

    static void writeCost(JsonGenerator g, QueryCost cost) throws IOException {
        g.writeNumberField("took_ms", cost == null ? 0 : cost.tookMs());
        g.writeObjectFieldStart("scanned");
        g.writeNumberField("partitions", cost == null ? 0 : cost.partitions());
        g.writeNumberField("events", cost == null ? 0 : cost.eventsScanned());
        g.writeEndObject();
    }
}
