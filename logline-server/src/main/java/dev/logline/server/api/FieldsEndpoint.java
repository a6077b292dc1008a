package dev.logline.server.api;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.query.LqlParser;
import dev.logline.query.exec.EventPipeline;
import dev.logline.query.exec.Projection;
import dev.logline.query.exec.QueryPlan;
import dev.logline.server.http.JsonResponse;
import dev.logline.store.FieldSummaries;
import dev.logline.store.FieldSummary;
import dev.logline.store.SearchRequest;
import dev.logline.store.StoredEvent;

import java.time.Duration;
import java.util.List;

/**
 * {@code GET|POST /api/v1/fields} ({@code q, from, to, last, top}): the fields of the events the query yields, with
 * how many carry each and their most frequent values (default 10), for the facets sidebar. The events are those
 * the query's pipes before any stats/timechart select (the store summarises the newest 10,000 of a filter; other
 * pipes run here over the newest {@link EventScan#MAX_EVENTS} matches); a {@code fields} pipe limits the facets to
 * the fields it shows.
 */
final class FieldsEndpoint extends ApiEndpoint {

    FieldsEndpoint(ApiBackend backend) {
        super(backend, List.of("q", "from", "to", "last", "top"));
    }

    @Override
    HttpResponse handle(ServiceRequestContext ctx, String tenant, ApiParams params) {
        QueryPlan plan = QueryPlan.of(LqlParser.parse(lql(params)));
        TimeRange range = range(params, Duration.ofMinutes(15));
        int top = intParam(params, "top", 10, 1, 100);
        Duration timeout = backend.config().queryTimeout();
        long start = System.nanoTime();
        List<FieldSummary> summaries;
        boolean truncated = false;
        if (plan.selectingPipes().isEmpty()) {
            summaries = storeCall(plan, () -> backend.store().fields(new SearchRequest(tenant, plan.filterQuery(),
                    range.fromMicros(), range.toMicros(), backend.config().maxSearchLimit(), null, timeout), top));
        } else {
            EventPipeline<StoredEvent> pipeline = new EventPipeline<>(plan.selectingPipes(), EventScan.MAX_EVENTS);
            EventScan.Outcome scan = storeCall(plan, () -> EventScan.run(backend.store(), tenant, plan.filterQuery(),
                    range, null, timeout, EventScan.MAX_EVENTS, () -> pipeline.saturated() ? 0 : EventScan.MAX_EVENTS,
                    e -> pipeline.accept(e.event(), e.sizeBytes(), e)));
            summaries = FieldSummaries.of(pipeline.events(), top);
            truncated = scan.truncated();
        }
        Projection projection = Projection.of(plan.eventPipes());
        List<FieldSummary> fields = summaries.stream()
                .filter(f -> projection.fields() == null
                        || projection.fields().contains(f.field()) && projection.visible(f.field()))
                .toList();
        long took = (System.nanoTime() - start) / 1_000_000L;
        boolean cut = truncated;
        return JsonResponse.of(HttpStatus.OK, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("fields");
            for (FieldSummary f : fields) {
                g.writeStartObject();
                g.writeStringField("field", f.field());
                g.writeNumberField("count", f.count());
                g.writeArrayFieldStart("top");
                for (FieldSummary.ValueCount v : f.topValues()) {
                    g.writeStartObject();
                    g.writeStringField("value", v.value());
                    g.writeNumberField("count", v.count());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            if (cut) {
                g.writeBooleanField("truncated", true);
            }
            g.writeNumberField("took_ms", took);
            g.writeEndObject();
        });
    }
}
