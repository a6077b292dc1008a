package dev.logline.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.cli.client.ReturnedEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A transaction laid out as lanes, one per service in the order each service first appears, on the server's time
 * axis (docs/API.md, "Transactions"): events in the server's order, each with its offset from the transaction's start
 * to its own start ({@code _offset_ms}) and end ({@code _end_offset_ms}); an event ends at its {@code ts} and starts
 * {@code duration_ms} earlier. So {@code logline trace} and the web UI show the same order, offsets and duration.
 *
 * @param spanMs the transaction's length, from its earliest start to its latest end
 * @param lanes  one per service
 * @param events every event with its offsets, in order
 */
public record TraceLanes(double spanMs, List<Lane> lanes, List<Placed> events) {

    /** One service's share of the transaction, as offsets from the transaction's start. */
    public record Lane(String service, double startMs, double endMs, int events, int errors) {
    }

    /** An event with its offsets from the transaction's start. */
    public record Placed(ReturnedEvent event, double offsetMs, double endOffsetMs) {
    }

    /** Lays out a trace answer of the API: its events in their order, their offsets and its duration. */
    public static TraceLanes of(JsonNode answer) {
        List<ReturnedEvent> events = new ArrayList<>();
        answer.path("events").forEach(e -> events.add(ReturnedEvent.of(e)));
        return of(events);
    }

    /**
     * Lays out events. When the server placed them ({@code _offset_ms} on every event) its order and offsets are
     * kept; otherwise (an older server) they are placed here by the same rule. Events without a time are kept last.
     */
    public static TraceLanes of(List<ReturnedEvent> events) {
        List<Placed> placed = new ArrayList<>();
        if (!events.isEmpty() && events.stream().allMatch(e -> e.fields().path("_offset_ms").isNumber())) {
            for (ReturnedEvent e : events) {
                double offset = e.fields().get("_offset_ms").asDouble();
                double end = e.fields().path("_end_offset_ms").isNumber() ? e.fields().get("_end_offset_ms").asDouble()
                        : offset;
                placed.add(new Placed(withoutOffsets(e), offset, end));
            }
        } else {
            placed = placedHere(events);
        }
        Map<String, Lane> lanes = new LinkedHashMap<>();
        double span = 0;
        for (Placed p : placed) {
            span = Math.max(span, p.endOffsetMs());
            String service = serviceOf(p.event());
            int err = p.event().isError() ? 1 : 0;
            Lane l = lanes.get(service);
            lanes.put(service, l == null ? new Lane(service, p.offsetMs(), p.endOffsetMs(), 1, err)
                    : new Lane(service, Math.min(l.startMs(), p.offsetMs()), Math.max(l.endMs(), p.endOffsetMs()),
                    l.events() + 1, l.errors() + err));
        }
        return new TraceLanes(span, List.copyOf(lanes.values()), List.copyOf(placed));
    }

    private static List<Placed> placedHere(List<ReturnedEvent> events) {
        record Span(ReturnedEvent e, Instant start, Instant end) {
        }
        List<Span> spans = new ArrayList<>();
        for (ReturnedEvent e : events) {
            Instant end = e.time();
            double duration = e.fields().path("duration_ms").isNumber() ? e.fields().get("duration_ms").asDouble() : 0;
            Instant start = end == null || !(duration > 0) ? end : end.minusNanos(Math.round(duration * 1_000_000));
            spans.add(new Span(e, start, end));
        }
        spans.sort(Comparator.comparing(Span::start, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Span::end, Comparator.nullsLast(Comparator.naturalOrder())));
        Instant origin = spans.stream().map(Span::start).filter(t -> t != null).min(Comparator.naturalOrder())
                .orElse(null);
        List<Placed> out = new ArrayList<>();
        for (Span s : spans) {
            out.add(new Placed(s.e(), ms(origin, s.start()), ms(origin, s.end())));
        }
        return out;
    }

    private static double ms(Instant origin, Instant t) {
        return origin == null || t == null ? 0 : Duration.between(origin, t).toNanos() / 1_000_000.0;
    }

    private static ReturnedEvent withoutOffsets(ReturnedEvent e) {
        var fields = e.fields().deepCopy();
        fields.remove("_offset_ms");
        fields.remove("_end_offset_ms");
        return new ReturnedEvent(e.id(), fields);
    }

    static String serviceOf(ReturnedEvent e) {
        return e.text("service") == null ? "(no service)" : e.text("service");
    }

    public int errors() {
        return lanes.stream().mapToInt(Lane::errors).sum();
    }
}
