package dev.logline.server.api;

import dev.logline.core.EventFields;
import dev.logline.core.LogEvent;
import dev.logline.store.FieldSummary;
import dev.logline.store.StoredEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The facets of events the server selected itself (a query whose pipes the store cannot run): per field, how many
 * events have it and its most frequent values, counted like the store's own summary (the reserved fields by name,
 * attributes and the error by dotted path, values cut to {@value #MAX_VALUE_CHARS} characters).
 */
final class FieldFacets {

    private static final List<String> RESERVED = List.of("level", "service", "env", "version", "host", "logger",
            "thread", "trace_id", "span_id", "msg", "duration_ms");
    private static final int MAX_VALUE_CHARS = 200;

    private FieldFacets() {
    }

    static List<FieldSummary> of(List<StoredEvent> events, int topValues) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        Map<String, Long> present = new HashMap<>();
        for (StoredEvent stored : events) {
            LogEvent e = stored.event();
            Map<String, Set<String>> values = new LinkedHashMap<>();
            for (String reserved : RESERVED) {
                Object v = EventFields.get(e, reserved);
                if (v != null) {
                    values.computeIfAbsent(reserved, k -> new LinkedHashSet<>()).add(v.toString());
                }
            }
            EventFields.forEachLeaf(e, (path, v) ->
                    values.computeIfAbsent(path, k -> new LinkedHashSet<>()).add(String.valueOf(v)));
            values.forEach((field, seen) -> {
                present.merge(field, 1L, Long::sum);
                Map<String, Long> c = counts.computeIfAbsent(field, k -> new HashMap<>());
                for (String v : seen) {
                    c.merge(v.length() > MAX_VALUE_CHARS ? v.substring(0, MAX_VALUE_CHARS) : v, 1L, Long::sum);
                }
            });
        }
        List<FieldSummary> out = new ArrayList<>();
        counts.forEach((field, byValue) -> out.add(new FieldSummary(field, present.get(field),
                byValue.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(Math.max(0, topValues))
                        .map(v -> new FieldSummary.ValueCount(v.getKey(), v.getValue()))
                        .toList())));
        out.sort(Comparator.comparingLong(FieldSummary::count).reversed().thenComparing(FieldSummary::field));
        return out;
    }
}
