package dev.logline.query.stats;

import java.util.List;

/** The aggregate functions LQL knows by name, and how to make each from {@code fn(field) as alias}. */
public final class AggregateCatalog {

    /** Every function name, in the order error hints list them. */
    public static final List<String> FUNCTIONS =
            List.of("count", "count_uniq", "sum", "avg", "min", "max", "p50", "p90", "p95", "p99");

    private AggregateCatalog() {
    }

    /** Whether LQL knows a function by this (lower-case) name. */
    public static boolean isKnown(String function) {
        return FUNCTIONS.contains(function);
    }

    /** Whether the function may be called without a field ({@code count()} only). */
    public static boolean fieldOptional(String function) {
        return "count".equals(function);
    }

    /**
     * The aggregate for a function name (lower case), a field ({@code null} only for {@code count}) and an alias
     * ({@code null} when none), or {@code null} when the name is unknown.
     */
    public static Aggregate create(String function, String field, String alias) {
        switch (function) {
            case "count": return new CountAggregate(field, alias);
            case "count_uniq": return new CountUniqAggregate(field, alias);
            case "sum": return new SumAggregate(field, alias);
            case "avg": return new AvgAggregate(field, alias);
            case "min": return new MinAggregate(field, alias);
            case "max": return new MaxAggregate(field, alias);
            case "p50": return new PercentileAggregate(field, 50, alias);
            case "p90": return new PercentileAggregate(field, 90, alias);
            case "p95": return new PercentileAggregate(field, 95, alias);
            case "p99": return new PercentileAggregate(field, 99, alias);
            default: return null;
        }
    }
}
