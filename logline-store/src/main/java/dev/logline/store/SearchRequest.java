package dev.logline.store;

import dev.logline.query.Query;
import dev.logline.query.exec.QueryBudget;

import java.time.Duration;
import java.util.Objects;

/**
 * One read: a tenant, a parsed query, a time range (epoch micros, from inclusive, to exclusive), a page size,
 * the cursor of the previous page ({@code null} for the first), a time budget and the query's {@link QueryBudget}
 * (its deadline, groups and memory), which a store checks as it scans.
 */
public record SearchRequest(String tenant, Query query, long fromMicros, long toMicros, int limit,
                            String cursor, Duration timeout, QueryBudget budget) {

    public SearchRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(query, "query");
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        if (budget != null) {
            timeout = Duration.ofNanos(Math.max(1, budget.nanosLeft()));
        } else {
            if (timeout == null) {
                timeout = Duration.ofSeconds(30);
            }
            budget = QueryBudget.timeOnly(timeout);
        }
    }

    /** A read with a time budget alone, from now (no memory bound; the default group limit). */
    public SearchRequest(String tenant, Query query, long fromMicros, long toMicros, int limit, String cursor,
                         Duration timeout) {
        this(tenant, query, fromMicros, toMicros, limit, cursor, timeout, null);
    }
}
