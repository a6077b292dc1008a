package dev.logline.query.filter;

/**
 * A condition on one event. Filters are immutable values; stores translate them to their index, and
 * {@code FilterMatcher} evaluates them over a {@link dev.logline.core.LogEvent} in plain Java.
 */
public sealed interface Filter
        permits MatchAllFilter, WordFilter, PhraseFilter, TermFilter, PrefixFilter, RegexFilter,
                RangeFilter, ExistsFilter, AndFilter, OrFilter, NotFilter {
}
