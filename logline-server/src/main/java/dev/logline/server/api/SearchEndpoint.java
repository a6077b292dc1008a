package dev.logline.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.core.EventFields;
import dev.logline.core.LogEventJson;
import dev.logline.core.Timestamps;
import dev.logline.query.LqlParser;
import dev.logline.query.Query;
import dev.logline.query.filter.AndFilter;
import dev.logline.query.filter.Filter;
import dev.logline.query.pipe.FieldsPipe;
import dev.logline.query.pipe.LimitPipe;
import dev.logline.query.pipe.Pipe;
import dev.logline.query.pipe.SortPipe;
import dev.logline.query.pipe.StatsPipe;
import dev.logline.query.pipe.TimechartPipe;
import dev.logline.query.pipe.WherePipe;
import dev.logline.server.http.JsonResponse;
import dev.logline.store.QueryCost;
import dev.logline.store.SearchRequest;
import dev.logline.store.SearchResult;
import dev.logline.store.StoredEvent;
import dev.logline.store.TableResult;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /api/v1/search?q=&from=&to=&last=&limit=&cursor=}: events newest first, a page at a time, or the
 * table of a query that ends in {@code stats}/{@code timechart}. Without stats, the pipes act on the events:
 * {@code fields} projects, {@code limit} caps the result, {@code where} narrows the filter and {@code sort}
 * orders up to {@link #MAX_SORTED_EVENTS} matching events in the server.
 */
final class SearchEndpoint extends ApiEndpoint {

    /** How many events a {@code sort} without {@code stats} may order; beyond that the answer says truncated. */
    static final int MAX_SORTED_EVENTS = 10_000;

    /** Rows of a stats/timechart table. */
    static final int MAX_TABLE_ROWS = 10_000;

    /** The timechart bucket column; its epoch-micros cells are written as RFC 3339 times. */
    static final String TIME_COLUMN = "_time";

    SearchEndpoint(ApiBackend backend) {
        super(backend);
    }

    @Override
    HttpResponse handle(ServiceRequestContext ctx, String tenant, QueryParams params) {
        Query query = LqlParser.parse(lql(params));
        TimeRange range = range(params, Duration.ofMinutes(15));
        Duration timeout = backend.config().queryTimeout();
        boolean aggregating = query.pipes().stream().anyMatch(p -> p instanceof StatsPipe || p instanceof TimechartPipe);
        if (aggregating) {
            TableResult table = backend.store().aggregate(new SearchRequest(tenant, query, range.fromMicros(),
                    range.toMicros(), MAX_TABLE_ROWS, null, timeout));
            return JsonResponse.of(HttpStatus.OK, g -> {
                g.writeStartObject();
                writeTable(g, table.columns(), table.rows());
                writeCost(g, table.cost());
                g.writeEndObject();
            });
        }
        EventPipes pipes = EventPipes.of(query);
        int limit = intParam(params, "limit", backend.config().defaultSearchLimit(), 1, backend.config().maxSearchLimit());
        if (pipes.limit != null) {
            limit = Math.min(limit, pipes.limit);
        }
        Query filterOnly = new Query(pipes.filter, List.of());
        if (pipes.sort != null) {
            return sorted(tenant, filterOnly, range, timeout, pipes, limit);
        }
        SearchResult page = backend.store().search(new SearchRequest(tenant, filterOnly, range.fromMicros(),
                range.toMicros(), limit, params.get("cursor"), timeout));
        // A limit pipe asks for N events in all, so there is no next page to offer.
        String cursor = pipes.limit != null ? null : page.nextCursor();
        return events(page.events(), cursor, pipes.fields, page.cost(), false);
    }

    private HttpResponse sorted(String tenant, Query filterOnly, TimeRange range, Duration timeout,
                                EventPipes pipes, int limit) {
        List<StoredEvent> all = new ArrayList<>();
        String cursor = null;
        long took = 0;
        int partitions = 0;
        long scanned = 0;
        boolean truncated = false;
        do {
            int page = Math.min(1_000, MAX_SORTED_EVENTS - all.size());
            SearchResult r = backend.store().search(new SearchRequest(tenant, filterOnly, range.fromMicros(),
                    range.toMicros(), page, cursor, timeout));
            all.addAll(r.events());
            cursor = r.nextCursor();
            took += r.cost().tookMs();
            partitions = Math.max(partitions, r.cost().partitions());
            scanned += r.cost().eventsScanned();
            if (cursor != null && all.size() >= MAX_SORTED_EVENTS) {
                truncated = true;
                break;
            }
        } while (cursor != null);
        all.sort(Comparator.comparing((StoredEvent e) -> EventFields.get(e.event(), pipes.sort.field()),
                CellOrder.of(pipes.sort.descending())));
        List<StoredEvent> top = all.subList(0, Math.min(limit, all.size()));
        return events(top, null, pipes.fields, new QueryCost(took, partitions, scanned), truncated);
    }

    private static HttpResponse events(List<StoredEvent> events, String cursor, List<String> fields, QueryCost cost,
                                       boolean truncated) {
        return JsonResponse.of(HttpStatus.OK, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("events");
            for (StoredEvent e : events) {
                EventWriter.write(g, e, fields);
            }
            g.writeEndArray();
            g.writeStringField("cursor", cursor);
            if (truncated) {
                g.writeBooleanField("truncated", true);
            }
            writeCost(g, cost);
            g.writeEndObject();
        });
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

    static void writeCost(JsonGenerator g, QueryCost cost) throws IOException {
        g.writeNumberField("took_ms", cost == null ? 0 : cost.tookMs());
        g.writeObjectFieldStart("scanned");
        g.writeNumberField("partitions", cost == null ? 0 : cost.partitions());
        g.writeNumberField("events", cost == null ? 0 : cost.eventsScanned());
        g.writeEndObject();
    }

    /** The pipes of an event (non-aggregating) query, folded into one filter, a sort, a limit and a projection. */
    private static final class EventPipes {
        Filter filter;
        SortPipe sort;
        Integer limit;
        List<String> fields;

        static EventPipes of(Query query) {
            EventPipes p = new EventPipes();
            List<Filter> filters = new ArrayList<>();
            filters.add(query.filter());
            for (Pipe pipe : query.pipes()) {
                if (pipe instanceof WherePipe) {
                    filters.add(((WherePipe) pipe).filter());
                } else if (pipe instanceof SortPipe) {
                    p.sort = (SortPipe) pipe;
                } else if (pipe instanceof LimitPipe) {
                    int n = ((LimitPipe) pipe).limit();
                    p.limit = p.limit == null ? n : Math.min(p.limit, n);
                } else if (pipe instanceof FieldsPipe) {
                    p.fields = ((FieldsPipe) pipe).fields();
                }
            }
            p.filter = filters.size() == 1 ? filters.get(0) : new AndFilter(filters);
            return p;
        }
    }
}
