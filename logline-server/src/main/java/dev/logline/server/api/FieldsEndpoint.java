package dev.logline.server.api;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.query.LqlParser;
import dev.logline.query.Query;
import dev.logline.query.exec.EventPipeline;
import dev.logline.query.exec.Projection;
import dev.logline.query.exec.QueryBudget;
import dev.logline.query.exec.QueryPlan;
import dev.logline.server.http.JsonResponse;
import dev.logline.store.FieldSummaries;
import dev.logline.store.FieldSummary;
import dev.logline.store.SearchRequest;
import dev.logline.store.StoredEvent;
import dev.logline.store.TableResult;

import java.time.Duration;
import java.util.List;

/**
 * {@code GET|POST /api/v1/fields} ({@code q, from, to, last, top}): the fields of the events the query yields, with
 * how many carry each and their most frequent values (default 10), for the facets sidebar. The events are those
 * the query's pipes before any stats/timechart select (the store summarises the newest 10,000 of a filter; other
 * pipes run here over the newest {@link EventScan#MAX_EVENTS} matches); a {@code fields} pipe limits the facets to
 * the fields it shows. The answer says what it covers: {@code events} summarised, {@code matched} when known, and
 * {@code "sample": true} when the summary covers only the newest of more matching events.
 */
final class FieldsEndpoint extends ApiEndpoint {

    FieldsEndpoint(ApiBackend backend) {
        super(backend, List.of("q", "from", "to", "last", "top"));
    }

    @Override
    HttpResponse handle(ServiceRequestContext ctx, String tenant, ApiParams params) {
        QueryPlan plan = QueryPlan.of(query(params));
        TimeRange range = range(params, Duration.ofMinutes(15));
        int top = intParam(params, "top", 10, 1, 100);
        QueryBudget budget = budget();
        long start = System.nanoTime();
        List<FieldSummary> summaries;
        boolean truncated = false;
        long covered;
        long matched;
        if (plan.selectingPipes().isEmpty()) {
            summaries = storeCall(plan, () -> backend.store().fields(new SearchRequest(tenant, plan.filterQuery(),
                    range.fromMicros(), range.toMicros(), backend.config().maxSearchLimit(), null, null, budget), top));
            // Every event has a level, so the level's count is how many events the store summarised; a store may
            // summarise only the newest matches (the column store: 10,000), so the matches are counted as well.
            covered = summaries.stream().filter(f -> f.field().equals("level")).mapToLong(FieldSummary::count)
                    .findFirst().orElse(0L);
            Query count = new Query(plan.filter(), LqlParser.parse("* | stats count()").pipes());
            TableResult table = storeCall(plan, () -> backend.store().aggregate(new SearchRequest(tenant, count,
                    range.fromMicros(), range.toMicros(), 1, null, null, budget)));
            matched = table.rows().isEmpty() || !(table.rows().get(0).get(0) instanceof Number n) ? covered
                    : Math.max(covered, n.longValue());
            truncated = covered < matched;
        } else {
            EventPipeline<StoredEvent> pipeline = new EventPipeline<>(plan.selectingPipes(), EventScan.MAX_EVENTS,
                    budget);
            EventScan.Outcome scan = storeCall(plan, () -> EventScan.run(backend.store(), tenant, plan.filterQuery(),
                    range, null, budget, false, EventScan.MAX_EVENTS, () -> pipeline.saturated() ? 0 : EventScan.MAX_EVENTS,
                    e -> pipeline.accept(e.event(), e.sizeBytes(), e)));
            summaries = FieldSummaries.of(pipeline.events(), top);
            truncated = scan.truncated();
            covered = pipeline.events().size();
            // Past the scan's cap the number of matches is not known.
            matched = truncated ? -1 : covered;
        }
        Projection projection = Projection.of(plan.eventPipes());
        List<FieldSummary> fields = summaries.stream()
                .filter(f -> projection.fields() == null
                        || projection.fields().contains(f.field()) && projection.visible(f.field()))
                .toList();
        long took = (System.nanoTime() - start) / 1_000_000L;
        boolean cut = truncated;
        long sampled = covered;
        long of = matched;
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
            g.writeNumberField("events", sampled);
            if (of >= 0) {
                g.writeNumberField("matched", of);
            }
            g.writeBooleanField("sample", cut);
            if (cut) {
                g.writeBooleanField("truncated", true);
            }
            g.writeNumberField("took_ms", took);
            g.writeEndObject();
        });
    }
}
