package dev.logline.store.lucene;

import dev.logline.core.Timestamps;
import dev.logline.query.filter.AndFilter;
import dev.logline.query.filter.ExistsFilter;
import dev.logline.query.filter.Filter;
import dev.logline.query.filter.MatchAllFilter;
import dev.logline.query.filter.NotFilter;
import dev.logline.query.filter.OrFilter;
import dev.logline.query.filter.PhraseFilter;
import dev.logline.query.filter.PrefixFilter;
import dev.logline.query.filter.RangeFilter;
import dev.logline.query.filter.RegexFilter;
import dev.logline.query.filter.TermFilter;
import dev.logline.query.filter.WordFilter;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.automaton.RegExp;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Pushes an LQL filter down to a Lucene query over the fields {@link EventDocuments} writes, with the semantics of
 * the query module's reference matcher ({@code FilterMatcher}).
 */
final class FilterTranslator {

    /** Numbers as the reference matcher reads them in queries. */
    private static final Pattern NUMBER = Pattern.compile("-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private FilterTranslator() {
    }

    static Query translate(Filter filter) {
        if (filter instanceof MatchAllFilter) {
            return new MatchAllDocsQuery();
        } else if (filter instanceof WordFilter w) {
            if (w.word().isEmpty() && w.prefix()) {
                return new PrefixQuery(new Term(IndexFields.TEXT, ""));
            }
            List<String> tokens = MessageAnalyzer.terms(w.word());
            if (tokens.size() != 1 || !tokens.get(0).equals(w.word().toLowerCase(Locale.ROOT))) {
                // A word that is not itself one token can neither equal nor begin any token of a message.
                return new MatchNoDocsQuery();
            }
            return prefixOrTerm(tokens.get(0), w.prefix());
        } else if (filter instanceof PhraseFilter p) {
            List<String> tokens = MessageAnalyzer.terms(p.phrase());
            if (tokens.isEmpty()) {
                return new MatchNoDocsQuery();
            }
            if (tokens.size() == 1) {
                return new TermQuery(new Term(IndexFields.TEXT, tokens.get(0)));
            }
            return new PhraseQuery(IndexFields.TEXT, tokens.toArray(String[]::new));
        } else if (filter instanceof TermFilter t) {
            return term(t.field(), t.value());
        } else if (filter instanceof PrefixFilter p) {
            return new PrefixQuery(new Term(p.field(), p.prefix()));
        } else if (filter instanceof RegexFilter r) {
            return new RegexpQuery(new Term(r.field(), r.regex()), RegExp.NONE);
        } else if (filter instanceof RangeFilter r) {
            return range(r);
        } else if (filter instanceof ExistsFilter e) {
            return new TermQuery(new Term(IndexFields.HAS, e.field()));
        } else if (filter instanceof AndFilter a) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            for (Filter f : a.filters()) {
                b.add(translate(f), BooleanClause.Occur.FILTER);
            }
            return a.filters().isEmpty() ? new MatchAllDocsQuery() : b.build();
        } else if (filter instanceof OrFilter o) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            for (Filter f : o.filters()) {
                b.add(translate(f), BooleanClause.Occur.SHOULD);
            }
            return o.filters().isEmpty() ? new MatchNoDocsQuery() : b.setMinimumNumberShouldMatch(1).build();
        } else if (filter instanceof NotFilter n) {
            return new BooleanQuery.Builder()
                    .add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                    .add(translate(n.filter()), BooleanClause.Occur.MUST_NOT)
                    .build();
        }
        throw new IllegalArgumentException("unsupported filter " + filter);
    }

    private static Query prefixOrTerm(String token, boolean prefix) {
        Term t = new Term(IndexFields.TEXT, token);
        return prefix ? new PrefixQuery(t) : new TermQuery(t);
    }

    private static Query term(String field, String value) {
        if (field.equals("level")) {
            return new TermQuery(new Term(field, value.toUpperCase(Locale.ROOT)));
        }
        if (field.equals(IndexFields.TS)) {
            Long micros = timeOrNull(value);
            return micros == null ? new MatchNoDocsQuery() : LongPoint.newExactQuery(IndexFields.TS, micros);
        }
        Double number = parseNumber(value);
        BooleanQuery.Builder b = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
        b.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.SHOULD);
        if (number != null) {
            b.add(DoublePoint.newExactQuery(IndexFields.numeric(field), number), BooleanClause.Occur.SHOULD);
        }
        if (value.equals("true") || value.equals("false")) {
            b.add(new TermQuery(new Term(IndexFields.bool(field), value)), BooleanClause.Occur.SHOULD);
        }
        return b.build();
    }

    private static Query range(RangeFilter r) {
        if (r.field().equals(IndexFields.TS)) {
            Long loBound = r.lower() == null ? Long.valueOf(Long.MIN_VALUE) : timeOrNull(r.lower());
            Long hiBound = r.upper() == null ? Long.valueOf(Long.MAX_VALUE) : timeOrNull(r.upper());
            if (loBound == null || hiBound == null) {
                return new MatchNoDocsQuery();
            }
            long lo = loBound;
            long hi = hiBound;
            if (r.lower() != null && !r.lowerInclusive()) {
                if (lo == Long.MAX_VALUE) {
                    return new MatchNoDocsQuery();
                }
                lo++;
            }
            if (r.upper() != null && !r.upperInclusive()) {
                if (hi == Long.MIN_VALUE) {
                    return new MatchNoDocsQuery();
                }
                hi--;
            }
            return LongPoint.newRangeQuery(IndexFields.TS, lo, hi);
        }
        Double loBound = r.lower() == null ? Double.valueOf(Double.NEGATIVE_INFINITY) : parseNumber(r.lower());
        Double hiBound = r.upper() == null ? Double.valueOf(Double.POSITIVE_INFINITY) : parseNumber(r.upper());
        if (loBound == null || hiBound == null) {
            // As in the reference matcher, a bound that is no number matches nothing.
            return new MatchNoDocsQuery();
        }
        double lo = loBound;
        double hi = hiBound;
        if (r.lower() != null && !r.lowerInclusive()) {
            lo = Math.nextUp(lo);
        }
        if (r.upper() != null && !r.upperInclusive()) {
            hi = Math.nextDown(hi);
        }
        return DoublePoint.newRangeQuery(IndexFields.numeric(r.field()), lo, hi);
    }

    private static Long timeOrNull(String text) {
        try {
            return Timestamps.parseMicros(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The value as a number, or {@code null} when it does not spell one. */
    static Double parseNumber(String value) {
        return NUMBER.matcher(value).matches() ? Double.valueOf(value) : null;
    }
}
