package dev.logline.server.api;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.core.Step;
import dev.logline.core.Timestamps;
import dev.logline.server.http.JsonResponse;
import dev.logline.store.StoredEvent;

import java.time.Duration;
import java.util.List;

/**
 * {@code GET /api/v1/traces/{id}} (by {@code trace_id}) and {@code GET /api/v1/traces?field=order_id&value=…}
 * (by any correlation field): the transaction's events in the {@link TraceView}'s order, each with its offsets from
 * the transaction's start ({@code _offset_ms} to its start, {@code _end_offset_ms} to its end), with the lanes and
 * hand-offs. The window defaults to the last 7 days; {@code from}/{@code to}/{@code last} narrow it. Also as
 * {@code POST /api/v1/traces} with {@code {"id": …}} or {@code {"field": …, "value": …}} and the window.
 */
final class TraceEndpoint extends ApiEndpoint {

    /** The longest correlation field name and id a request may give; real ids are far shorter. */
    static final int MAX_FIELD_CHARS = 256;
    static final int MAX_VALUE_CHARS = 4096;

    TraceEndpoint(ApiBackend backend) {
        super(backend, List.of("id", "field", "value", "from", "to", "last", "limit"));
    }

    @Override
    HttpResponse handle(ServiceRequestContext ctx, String tenant, ApiParams params) {
        String id = ctx.pathParam("id");
        if (id == null) {
            id = blankToNull(params.get("id"));
        }
        String field;
        String value;
        if (id != null) {
            field = "trace_id";
            value = id;
        } else {
            field = params.get("field", "trace_id");
            value = params.get("value");
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("give the transaction as /api/v1/traces/{trace_id} or as "
                        + "?field=order_id&value=ORD987");
            }
            if (field.isBlank() || field.length() > MAX_FIELD_CHARS) {
                throw new IllegalArgumentException("parameter 'field' must name a field, at most " + MAX_FIELD_CHARS
                        + " characters, such as order_id");
            }
        }
        if (value.length() > MAX_VALUE_CHARS) {
            throw new IllegalArgumentException("the transaction id is " + value.length() + " characters long, over "
                    + MAX_VALUE_CHARS + "; give the id the events carry");
        }
        TimeRange range = range(params, Duration.ofDays(7));
        int limit = intParam(params, "limit", backend.config().maxTraceEvents(), 1, backend.config().maxTraceEvents());
        long start = System.nanoTime();
        List<StoredEvent> events = backend.store().transaction(tenant, field, value, range.fromMicros(),
                range.toMicros(), limit);
        TraceView view = TraceView.of(events);
        long took = (System.nanoTime() - start) / 1_000_000L;
        return JsonResponse.of(HttpStatus.OK, g -> {
            g.writeStartObject();
            g.writeStringField("field", field);
            g.writeStringField("value", value);
            g.writeNumberField("count", view.events().size());
            g.writeBooleanField("truncated", view.events().size() >= limit);
            if (!view.events().isEmpty()) {
                // One definition of time for the API, the UI and the CLI: see TraceView.
                g.writeStringField("start_ts", Timestamps.formatMicros(view.startMicros()));
                g.writeStringField("end_ts", Timestamps.formatMicros(view.endMicros()));
                g.writeStringField("first_ts", Timestamps.formatMicros(view.startMicros()));
                g.writeStringField("last_ts", Timestamps.formatMicros(view.endMicros()));
                g.writeNumberField("duration_ms", view.offsetMs(view.endMicros()));
            }
            g.writeNumberField("errors", view.events().stream().filter(e -> TraceView.isError(e.event())).count());
            g.writeArrayFieldStart("lanes");
            for (TraceView.Lane lane : view.lanes()) {
                g.writeStartObject();
                g.writeStringField("service", lane.service());
                g.writeStringField("first_ts", Timestamps.formatMicros(lane.firstMicros()));
                g.writeStringField("last_ts", Timestamps.formatMicros(lane.lastMicros()));
                g.writeNumberField("duration_ms", (lane.lastMicros() - lane.firstMicros()) / 1_000.0);
                g.writeNumberField("start_offset_ms", view.offsetMs(lane.firstMicros()));
                g.writeNumberField("end_offset_ms", view.offsetMs(lane.lastMicros()));
                g.writeNumberField("count", lane.count());
                g.writeNumberField("errors", lane.errors());
                g.writeArrayFieldStart("log_traces");
                for (StoredEvent e : lane.logTraces()) {
                    g.writeStartObject();
                    g.writeStringField("_id", e.id());
                    g.writeStringField("ts", Timestamps.formatMicros(e.event().tsMicros()));
                    g.writeStringField("msg", e.event().msg());
                    if (e.event().durationMs() != null) {
                        g.writeNumberField("duration_ms", e.event().durationMs());
                    }
                    g.writeArrayFieldStart("steps");
                    for (Step s : e.event().steps()) {
                        g.writeStartObject();
                        g.writeNumberField("t_ms", s.tMs());
                        g.writeNumberField("dt_ms", s.dtMs());
                        if (s.line() > 0) {
                            g.writeNumberField("line", s.line());
                        }
                        g.writeStringField("msg", s.msg());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("handoffs");
            for (TraceView.Handoff h : view.handoffs()) {
                g.writeStartObject();
                g.writeStringField("from_service", h.fromService());
                g.writeStringField("to_service", h.toService());
                g.writeStringField("from_id", h.fromEventId());
                g.writeStringField("to_id", h.toEventId());
                g.writeNumberField("gap_ms", h.gapMicros() / 1_000.0);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("events");
            for (TraceView.Placed e : view.events()) {
                EventWriter.writeOnTimeline(g, e.stored(), view.offsetMs(e.startMicros()), view.offsetMs(e.endMicros()));
            }
            g.writeEndArray();
            g.writeNumberField("took_ms", took);
            g.writeEndObject();
        });
    }
}
