package dev.logline.store.columnar.query;

import dev.logline.query.exec.QueryBudget;
import dev.logline.query.filter.Filter;
import dev.logline.query.filter.PhraseFilter;
import dev.logline.query.filter.RegexFilter;
import dev.logline.query.filter.TermFilter;
import dev.logline.query.filter.WordFilter;
import dev.logline.query.match.FilterMatcher;
import dev.logline.query.match.MessageTokens;
import dev.logline.store.columnar.block.ColumnKey;
import dev.logline.store.columnar.encoding.Hash64;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
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
    private final Map<Filter, long[]> tokenHashes = new IdentityHashMap<>();
    private final Map<Filter, Long> valueHashes = new IdentityHashMap<>();
    private final Map<String, ColumnKey> attributeKeys = new HashMap<>();

    private final QueryBudget budget;

    /** A filter for reads the store makes itself, without a deadline. */
    CompiledFilter(Filter filter) {
        this(filter, null);
    }

    /**
     * @param budget the query's budget: each regular-expression test first checks its deadline, so a costly
     *               pattern over a block of distinct values stops on time; {@code null} for none
     */
    CompiledFilter(Filter filter, QueryBudget budget) {
        this.filter = filter;
        this.budget = budget;
    }

    Filter filter() {
        return filter;
    }

    Predicate<Object> predicate(Filter leaf) {
        return predicates.computeIfAbsent(leaf, f -> {
            Predicate<Object> test = FilterMatcher.valuePredicate(f);
            if (budget == null || !(f instanceof RegexFilter)) {
                return test;
            }
            return value -> {
                budget.checkTime();
                return test.test(value);
            };
        });
    }

    MessageMatcher message(Filter wordOrPhrase) {
        return messages.computeIfAbsent(wordOrPhrase, MessageMatcher::new);
    }

    /** The bloom hashes of a word's or phrase's tokens (a word is one token, lower-cased). */
    long[] tokenHashes(Filter wordOrPhrase) {
        return tokenHashes.computeIfAbsent(wordOrPhrase, f -> {
            List<String> tokens = f instanceof WordFilter w ? List.of(w.word().toLowerCase(Locale.ROOT))
                    : MessageTokens.of(((PhraseFilter) f).phrase());
            return tokens.stream().mapToLong(Hash64::ofString).toArray();
        });
    }

    /** The bloom hash of a term's value. */
    long valueHash(Filter term) {
        return valueHashes.computeIfAbsent(term, f -> Hash64.ofString(((TermFilter) f).value()));
    }

    ColumnKey attributeKey(String field) {
        return attributeKeys.computeIfAbsent(field, ColumnKey::attribute);
    }
}
