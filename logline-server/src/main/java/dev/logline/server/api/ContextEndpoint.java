package dev.logline.server.api;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.server.http.JsonResponse;
import dev.logline.store.StoredEvent;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * {@code GET /api/v1/context/{eventId}?before=&after=}: the events around one event on the same service and host,
 * oldest first, the event itself included (default 20 each side, at most 500).
 */
final class ContextEndpoint extends ApiEndpoint {

    ContextEndpoint(ApiBackend backend) {
        super(backend, null);
    }

    @Override
    HttpResponse handle(ServiceRequestContext ctx, String tenant, ApiParams params) {
        String id = ctx.pathParam("eventId");
        int before = intParam(params, "before", 20, 0, 500);
        int after = intParam(params, "after", 20, 0, 500);
        long start = System.nanoTime();
        List<StoredEvent> events = backend.store().around(tenant, id, before, after);
        if (events.isEmpty()) {
            throw new NoSuchElementException("no event with id '" + id + "'");
        }
        long took = (System.nanoTime() - start) / 1_000_000L;
        return JsonResponse.of(HttpStatus.OK, g -> {
            g.writeStartObject();
            g.writeStringField("anchor", id);
            g.writeArrayFieldStart("events");
            for (StoredEvent e : events) {
                EventWriter.write(g, e, null);
            }
            g.writeEndArray();
            g.writeNumberField("took_ms", took);
            g.writeEndObject();
        });
    }
}
