package dev.logline.server.api;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.query.LqlParser;
import dev.logline.query.Query;
import dev.logline.server.http.JsonResponse;
import dev.logline.store.FieldSummary;
import dev.logline.store.SearchRequest;

import java.time.Duration;
import java.util.List;

/**
 * {@code GET /api/v1/fields?q=&from=&to=&last=&top=}: the fields of the matching events with how many carry each
 * and their most frequent values (default 10), for the facets sidebar.
 */
final class FieldsEndpoint extends ApiEndpoint {

    FieldsEndpoint(ApiBackend backend) {
        super(backend);
    }

    @Override
    HttpResponse handle(ServiceRequestContext ctx, String tenant, QueryParams params) {
        Query parsed = LqlParser.parse(lql(params));
        TimeRange range = range(params, Duration.ofMinutes(15));
        int top = intParam(params, "top", 10, 1, 100);
        long start = System.nanoTime();
        List<FieldSummary> fields = backend.store().fields(new SearchRequest(tenant, new Query(parsed.filter(), List.of()),
                range.fromMicros(), range.toMicros(), backend.config().maxSearchLimit(), null,
                backend.config().queryTimeout()), top);
        long took = (System.nanoTime() - start) / 1_000_000L;
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
            g.writeNumberField("took_ms", took);
            g.writeEndObject();
        });
    }
}
