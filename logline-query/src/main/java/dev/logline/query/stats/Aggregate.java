package dev.logline.query.stats;

import dev.logline.query.exec.QueryBudget;

/**
 * One aggregate function of {@code stats}/{@code timechart}: {@code count()}, {@code avg(latency_ms)}, …
 * Each implementation is its own class and makes its own {@link Accumulator}.
 */
public interface Aggregate {

    /** The field aggregated, or {@code null} for {@code count()}. */
    String field();

    /**
     * The result column's name: the {@code as} alias if given, else the canonical text, e.g. {@code p95(latency_ms)};
     * {@code count()} is named {@code count}.
     */
    String columnName();

    /** The canonical LQL text, e.g. {@code p95(latency_ms) as p95}. */
    String print();

    /** A fresh accumulator for one group. */
    Accumulator newAccumulator();

    /**
     * A fresh accumulator for one group of a query with a budget: one that grows with its values (distinct values,
     * percentile samples) charges what it keeps to the budget.
     */
    default Accumulator newAccumulator(QueryBudget budget) {
        return newAccumulator();
    }
}
