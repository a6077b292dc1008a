package dev.logline.query.match;

/** Where a filter reads field values from: an event, or a row of a stats table (for {@code | where}). */
@FunctionalInterface
public interface FieldLookup {

    /** The value of a field (String, Long, Double, Boolean, List, Map), or {@code null} when absent. */
    Object get(String field);
}
