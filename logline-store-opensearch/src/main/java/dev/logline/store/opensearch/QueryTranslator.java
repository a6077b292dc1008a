package dev.logline.store.opensearch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.core.Level;
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
import dev.logline.query.match.MessageTokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Translates an LQL filter into a {@link Translation} over the fields {@link EventDocuments} writes, leaf by leaf
 * with the reference matcher's meaning ({@code FilterMatcher}): words and phrases against the message's tokens,
 * terms against every value of the path (strings exactly, {@code level} ignoring case, numbers numerically,
 * booleans as {@code true}/{@code false}, list elements one by one), prefixes and regexes on strings, ranges on
 * numbers (times on {@code ts}), exists on the paths that hold a value.
 */
final class QueryTranslator {

    /** Numbers as the reference matcher reads them in queries (its NumericText). */
    private static final Pattern NUMBER = Pattern.compile("-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final long EXACT_DOUBLE = 1L << 53;
    /** OpenSearch refuses longer regexps ({@code index.max_regex_length}). */
    private static final int MAX_REGEX_LENGTH = 1000;

    private QueryTranslator() {
    }

    static Translation translate(Filter filter) {
        if (filter instanceof MatchAllFilter) {
            return Translation.exact(Q.matchAll());
        } else if (filter instanceof WordFilter w) {
            return word(w);
        } else if (filter instanceof PhraseFilter p) {
            return phrase(p);
        } else if (filter instanceof TermFilter t) {
            return term(t.field(), t.value());
        } else if (filter instanceof PrefixFilter p) {
            ObjectNode q = p.prefix().isEmpty() ? Q.exists(FieldNames.keyword(p.field()))
                    : p.prefix().length() > EventDocuments.MAX_TERM_CHARS ? Q.matchNone()
                    : Q.prefix(FieldNames.keyword(p.field()), p.prefix());
            return onPath(q, p.field());
        } else if (filter instanceof RegexFilter r) {
            String lucene = LuceneRegexp.fromJava(r.regex());
            if (lucene == null || lucene.length() > MAX_REGEX_LENGTH) {
                return unknown(r.field());
            }
            return onPath(Q.regexp(FieldNames.keyword(r.field()), lucene), r.field());
        } else if (filter instanceof RangeFilter r) {
            return range(r);
        } else if (filter instanceof ExistsFilter e) {
            return onPath(Q.term(FieldNames.HAS, e.field()), e.field());
        } else if (filter instanceof AndFilter a) {
            return combine(a.filters(), true);
        } else if (filter instanceof OrFilter o) {
            return combine(o.filters(), false);
        } else if (filter instanceof NotFilter n) {
            Translation inner = translate(n.filter());
            if (inner.isExact()) {
                return Translation.exact(Q.not(inner.upper()));
            }
            return new Translation(Q.not(inner.lower()), Q.not(inner.upper()));
        }
        throw new IllegalArgumentException("the OpenSearch store cannot translate the filter " + filter);
    }

    private static Translation combine(List<Filter> filters, boolean and) {
        if (filters.isEmpty()) {
            return Translation.exact(and ? Q.matchAll() : Q.matchNone());
        }
        List<ObjectNode> uppers = new ArrayList<>();
        List<ObjectNode> lowers = new ArrayList<>();
        boolean exact = true;
        for (Filter f : filters) {
            Translation t = translate(f);
            uppers.add(t.upper());
            lowers.add(t.lower());
            exact &= t.isExact();
        }
        ObjectNode upper = and ? Q.and(uppers) : Q.or(uppers);
        return exact ? Translation.exact(upper) : new Translation(upper, and ? Q.and(lowers) : Q.or(lowers));
    }

    /** An exact query on a path, but for events marked uncertain on it, which it may answer wrongly. */
    private static Translation onPath(ObjectNode q, String path) {
        ObjectNode uncertain = Q.terms(FieldNames.UNCERTAIN, List.of(path, FieldNames.ALL_PATHS));
        return new Translation(Q.or(List.of(q, uncertain)), Q.and(List.of(q, Q.not(uncertain))));
    }

    /** A filter the index cannot answer: every event with a value at the path is a candidate, none is certain. */
    private static Translation unknown(String path) {
        return new Translation(Q.or(List.of(Q.term(FieldNames.HAS, path),
                Q.terms(FieldNames.UNCERTAIN, List.of(path, FieldNames.ALL_PATHS)))), Q.matchNone());
    }

    private static Translation word(WordFilter w) {
        String word = w.word().toLowerCase(Locale.ROOT);
        ObjectNode q;
        if (w.prefix() && word.isEmpty()) {
            q = Q.exists(FieldNames.TOKENS);
        } else if (!isOneToken(word) || word.length() > EventDocuments.MAX_TERM_CHARS) {
            // Tokens are runs of letters and digits: a word with anything else equals and begins none.
            q = Q.matchNone();
        } else {
            q = w.prefix() ? Q.prefix(FieldNames.TOKENS, word) : Q.term(FieldNames.TOKENS, word);
        }
        return onPath(q, FieldNames.TOKENS_PATH);
    }

    private static boolean isOneToken(String word) {
        List<String> tokens = MessageTokens.of(word);
        return tokens.size() == 1 && tokens.get(0).equals(word);
    }

    private static Translation phrase(PhraseFilter p) {
        List<String> tokens = MessageTokens.of(p.phrase());
        ObjectNode q;
        if (tokens.isEmpty() || tokens.stream().anyMatch(t -> t.length() > EventDocuments.MAX_TERM_CHARS)) {
            q = Q.matchNone();
        } else if (tokens.size() == 1) {
            q = Q.term(FieldNames.TOKENS, tokens.get(0));
        } else {
            q = Q.phrase(FieldNames.TOKENS, String.join(" ", tokens));
        }
        return onPath(q, FieldNames.TOKENS_PATH);
    }

    private static Translation term(String field, String value) {
        Number number = number(value);
        if (field.equals(FieldNames.TS)) {
            Long micros;
            if (number instanceof Long l) {
                micros = l;
            } else if (number instanceof Double d) {
                micros = d == Math.rint(d) && Math.abs(d) < 9.0e15 ? Long.valueOf(d.longValue()) : null;
            } else {
                micros = timeOrNull(value);
            }
            return Translation.exact(micros == null ? Q.matchNone() : Q.term(FieldNames.TS, micros));
        }
        if (field.equals("level")) {
            List<String> names = new ArrayList<>();
            for (Level l : Level.values()) {
                if (l.name().equalsIgnoreCase(value)) {
                    names.add(l.name());
                }
            }
            return Translation.exact(names.isEmpty() ? Q.matchNone() : Q.terms(FieldNames.keyword("level"), names));
        }
        if (number instanceof Long l && (l > EXACT_DOUBLE || l < -EXACT_DOUBLE)) {
            return unknown(field); // compared exactly as longs by the matcher, not as doubles
        }
        List<ObjectNode> any = new ArrayList<>();
        if (value.length() <= EventDocuments.MAX_TERM_CHARS) {
            any.add(Q.term(FieldNames.keyword(field), value));
        }
        if (number != null) {
            any.add(Q.term(FieldNames.number(field), number));
        }
        if (value.equals("true") || value.equals("false")) {
            any.add(Q.term(FieldNames.bool(field), Boolean.parseBoolean(value)));
        }
        return onPath(any.isEmpty() ? Q.matchNone() : Q.or(any), field);
    }

    private static Translation range(RangeFilter r) {
        if (r.field().equals("_time")) {
            return unknown(r.field()); // times as numbers or text: rare enough to check in Java
        }
        boolean time = r.field().equals(FieldNames.TS);
        Number lo = r.lower() == null ? null : time ? timeOrNull(r.lower()) : number(r.lower());
        Number hi = r.upper() == null ? null : time ? timeOrNull(r.upper()) : number(r.upper());
        if ((r.lower() != null && lo == null) || (r.upper() != null && hi == null)) {
            return Translation.exact(Q.matchNone()); // as in the reference matcher, a bound that is no number matches nothing
        }
        if (time) {
            return Translation.exact(Q.range(FieldNames.TS, lo, r.lowerInclusive(), hi, r.upperInclusive()));
        }
        if (beyondDouble(lo) || beyondDouble(hi)) {
            return unknown(r.field());
        }
        return onPath(Q.range(FieldNames.number(r.field()), lo, r.lowerInclusive(), hi, r.upperInclusive()),
                r.field());
    }

    private static boolean beyondDouble(Number n) {
        return n instanceof Long l && (l > EXACT_DOUBLE || l < -EXACT_DOUBLE);
    }

    /** A {@link Long} for whole numbers that fit, a {@link Double} for other numbers, {@code null} otherwise. */
    static Number number(String text) {
        if (INTEGER.matcher(text).matches()) {
            return Long.parseLong(text);
        }
        if (NUMBER.matcher(text).matches()) {
            double d = Double.parseDouble(text);
            return Double.isFinite(d) ? d : null;
        }
        return null;
    }

    private static Long timeOrNull(String text) {
        try {
            return Timestamps.parseMicros(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Builders of the OpenSearch query DSL nodes the translator uses. */
    static final class Q {
        private Q() {
        }

        static ObjectNode node() {
            return OpenSearchHttp.JSON.createObjectNode();
        }

        static ObjectNode matchAll() {
            ObjectNode q = node();
            q.putObject("match_all");
            return q;
        }

        static ObjectNode matchNone() {
            ObjectNode q = node();
            q.putObject("match_none");
            return q;
        }

        static ObjectNode term(String field, Object value) {
            ObjectNode q = node();
            ObjectNode f = q.putObject("term").putObject(field);
            f.set("value", OpenSearchHttp.JSON.valueToTree(value));
            return q;
        }

        static ObjectNode terms(String field, List<String> values) {
            ObjectNode q = node();
            ArrayNode a = q.putObject("terms").putArray(field);
            values.forEach(a::add);
            return q;
        }

        static ObjectNode prefix(String field, String prefix) {
            ObjectNode q = node();
            q.putObject("prefix").putObject(field).put("value", prefix);
            return q;
        }

        static ObjectNode regexp(String field, String regexp) {
            ObjectNode q = node();
            q.putObject("regexp").putObject(field).put("value", regexp).put("flags", "NONE")
                    .put("max_determinized_states", 10_000);
            return q;
        }

        static ObjectNode phrase(String field, String tokens) {
            ObjectNode q = node();
            q.putObject("match_phrase").putObject(field).put("query", tokens).put("analyzer", "logline_tokens");
            return q;
        }

        static ObjectNode exists(String field) {
            ObjectNode q = node();
            q.putObject("exists").put("field", field);
            return q;
        }

        static ObjectNode range(String field, Number lo, boolean loInclusive, Number hi, boolean hiInclusive) {
            ObjectNode q = node();
            ObjectNode f = q.putObject("range").putObject(field);
            if (lo != null) {
                f.set(loInclusive ? "gte" : "gt", OpenSearchHttp.JSON.valueToTree(lo));
            }
            if (hi != null) {
                f.set(hiInclusive ? "lte" : "lt", OpenSearchHttp.JSON.valueToTree(hi));
            }
            return q;
        }

        static ObjectNode and(List<ObjectNode> all) {
            if (all.size() == 1) {
                return all.get(0);
            }
            ObjectNode q = node();
            ArrayNode a = q.putObject("bool").putArray("filter");
            all.forEach(a::add);
            return q;
        }

        static ObjectNode or(List<ObjectNode> any) {
            if (any.size() == 1) {
                return any.get(0);
            }
            ObjectNode q = node();
            ObjectNode bool = q.putObject("bool");
            ArrayNode a = bool.putArray("should");
            any.forEach(a::add);
            bool.put("minimum_should_match", 1);
            return q;
        }

        static ObjectNode not(ObjectNode q) {
            ObjectNode n = node();
            n.putObject("bool").putArray("must_not").add(q);
            return n;
        }
    }
}
