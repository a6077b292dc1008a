package dev.logline.store;

import dev.logline.query.Query;

import java.time.Duration;
import java.util.Objects;

/**
 * One read: a tenant, a parsed query, a time range (epoch micros, from inclusive, to exclusive), a page size,
 * the cursor of the previous page ({@code null} for the first) and a time budget.
 */
public record SearchRequest(String tenant, Query query, long fromMicros, long toMicros, int limit,
                            String cursor, Duration timeout) {

    public SearchRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(query, "query");
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        if (timeout == null) {
            timeout = Duration.ofSeconds(30);
        }
    }
}
