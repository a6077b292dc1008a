package dev.logline.query.exec;

import dev.logline.query.Query;
import dev.logline.query.filter.AndFilter;
import dev.logline.query.filter.Filter;
import dev.logline.query.filter.MatchAllFilter;
import dev.logline.query.filter.NotFilter;
import dev.logline.query.filter.OrFilter;
import dev.logline.query.pipe.Pipe;
import dev.logline.query.pipe.WherePipe;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of one query, as a server's settings give them ({@code query.*} in docs/CONFIG.md): how long it may
 * run, how many bytes its stages may hold, how many groups a stats or timechart may make and how many terms its
 * filters may have. {@link #start()} turns them into the {@link QueryBudget} of one execution. Regular expressions
 * have their own fixed bounds, checked when the query is parsed and while it matches.
 *
 * @param timeout        wall time of one query, from the moment it starts
 * @param maxMemoryBytes bytes the query's groups, distinct values, sorted rows and returned events may hold
 * @param maxGroups      groups (rows) one stats or timechart may make
 * @param maxTerms       filter terms (words, phrases, field conditions) over the filter and every {@code where}
 */
public record QueryLimits(Duration timeout, long maxMemoryBytes, int maxGroups, int maxTerms) {

    public QueryLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the query timeout must be positive, was " + timeout);
        }
        if (maxMemoryBytes <= 0 || maxGroups <= 0 || maxTerms <= 0) {
            throw new IllegalArgumentException("query limits must be positive: memory " + maxMemoryBytes
                    + ", groups " + maxGroups + ", terms " + maxTerms);
        }
    }

    /**
     * 30 s, 128 MiB, 10,000 groups, 256 terms (a server may allow up to the parser's own cap of 300 terms, or fewer).
     */
    public static QueryLimits defaults() {
        return new QueryLimits(Duration.ofSeconds(30), 128L << 20, 10_000, 256);
    }

    public QueryLimits withTimeout(Duration v) {
        return new QueryLimits(v, maxMemoryBytes, maxGroups, maxTerms);
    }

    public QueryLimits withMaxMemoryBytes(long v) {
        return new QueryLimits(timeout, v, maxGroups, maxTerms);
    }

    public QueryLimits withMaxGroups(int v) {
        return new QueryLimits(timeout, maxMemoryBytes, v, maxTerms);
    }

    public QueryLimits withMaxTerms(int v) {
        return new QueryLimits(timeout, maxMemoryBytes, maxGroups, v);
    }

    /** The budget of one execution; its clock starts now. */
    public QueryBudget start() {
        return new QueryBudget(this, System.nanoTime());
    }

    /**
     * Refuses a query with more terms than {@link #maxTerms}, before it runs.
     *
     * @throws QueryLimitException saying how many terms the query has and what to do
     */
    public void checkTerms(Query query) {
        int terms = terms(query.filter());
        for (Pipe p : query.pipes()) {
            if (p instanceof WherePipe w) {
                terms += terms(w.filter());
            }
        }
        if (terms > maxTerms) {
            throw new QueryLimitException("the query has " + terms + " filter terms, more than the limit of "
                    + maxTerms + " (query.max-terms); split it into several queries or match a pattern such as "
                    + "field:prefix* instead of listing values");
        }
    }

    /** The leaves of a filter tree: every condition that tests an event. */
    static int terms(Filter f) {
        if (f instanceof MatchAllFilter) {
            return 0;
        }
        if (f instanceof AndFilter and) {
            return and.filters().stream().mapToInt(QueryLimits::terms).sum();
        }
        if (f instanceof OrFilter or) {
            return or.filters().stream().mapToInt(QueryLimits::terms).sum();
        }
        if (f instanceof NotFilter not) {
            return terms(not.filter());
        }
        return 1;
    }
}
