package dev.logline.store;

import dev.logline.core.EventFields;
import dev.logline.core.LogEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts, per field, how many events have it and its most frequent values (the facets sidebar): the reserved fields by
 * name, attributes and the error by dotted path, values cut to {@value #MAX_VALUE_CHARS} characters. Shared by stores
 * and by the server when it selected the events itself.
 */
public final class FieldSummaries {

    private static final List<String> RESERVED = List.of("level", "service", "env", "version", "host", "logger",
            "thread", "trace_id", "span_id", "msg", "duration_ms");
    /** Values are cut to this length: a facet shows them, it does not need a whole stack trace. */
    private static final int MAX_VALUE_CHARS = 200;

    private FieldSummaries() {
    }

    public static List<FieldSummary> of(List<StoredEvent> events, int topValues) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        Map<String, Long> present = new HashMap<>();
        for (StoredEvent se : events) {
            LogEvent e = se.event();
            Map<String, Set<String>> values = new LinkedHashMap<>();
            for (String reserved : RESERVED) {
                Object v = EventFields.get(e, reserved);
                if (v != null) {
                    values.computeIfAbsent(reserved, k -> new HashSet<>()).add(v.toString());
                }
            }
            EventFields.forEachLeaf(e, (path, v) ->
                    values.computeIfAbsent(path, k -> new HashSet<>()).add(String.valueOf(v)));
            for (Map.Entry<String, Set<String>> f : values.entrySet()) {
                present.merge(f.getKey(), 1L, Long::sum);
                Map<String, Long> c = counts.computeIfAbsent(f.getKey(), k -> new HashMap<>());
                for (String v : f.getValue()) {
                    c.merge(v.length() > MAX_VALUE_CHARS ? v.substring(0, MAX_VALUE_CHARS) : v, 1L, Long::sum);
                }
            }
        }
        List<FieldSummary> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> f : counts.entrySet()) {
            List<FieldSummary.ValueCount> top = f.getValue().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(Math.max(0, topValues))
                    .map(v -> new FieldSummary.ValueCount(v.getKey(), v.getValue()))
                    .toList();
            out.add(new FieldSummary(f.getKey(), present.get(f.getKey()), top));
        }
        out.sort(Comparator.comparingLong(FieldSummary::count).reversed().thenComparing(FieldSummary::field));
        return out;
    }
}
