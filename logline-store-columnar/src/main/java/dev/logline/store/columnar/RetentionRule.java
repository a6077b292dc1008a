package dev.logline.store.columnar;

import dev.logline.query.filter.Filter;

import java.util.Objects;

/**
 * A finer retention rule: events matching {@code filter} are deleted once older than {@code days}
 * (e.g. {@code level:DEBUG} kept 2 days), applied inside day partitions.
 */
public record RetentionRule(Filter filter, int days) {
    public RetentionRule {
        Objects.requireNonNull(filter, "filter");
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative, was " + days);
        }
    }
}
