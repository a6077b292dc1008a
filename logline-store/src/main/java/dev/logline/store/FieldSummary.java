package dev.logline.store;

import java.util.List;

/** One field seen in matching events: how many had it and its most frequent values. */
public record FieldSummary(String field, long count, List<ValueCount> topValues) {

    /** A value and how many events carried it. */
    public record ValueCount(String value, long count) {
    }

    public FieldSummary {
        topValues = List.copyOf(topValues);
    }
}
