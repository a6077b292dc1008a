package dev.logline.store.columnar.query;

import dev.logline.query.filter.Filter;
import dev.logline.query.match.FilterMatcher;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A query's filter with each leaf's test prepared once (bounds parsed, regexes compiled, words lower-cased), shared
 * by every block the query reads. One per query execution; not thread-safe.
 *
 * @lucene.internal
 */
final class CompiledFilter {

    private final Filter filter;
    private final Map<Filter, Predicate<Object>> predicates = new IdentityHashMap<>();
    private final Map<Filter, MessageMatcher> messages = new IdentityHashMap<>();

    CompiledFilter(Filter filter) {
        this.filter = filter;
    }

    Filter filter() {
        return filter;
    }

    Predicate<Object> predicate(Filter leaf) {
        return predicates.computeIfAbsent(leaf, FilterMatcher::valuePredicate);
    }

    MessageMatcher message(Filter wordOrPhrase) {
        return messages.computeIfAbsent(wordOrPhrase, MessageMatcher::new);
    }
}
