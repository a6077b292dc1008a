package dev.logline.query.match;

import dev.logline.core.LogEvent;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The reference meaning of every filter, evaluated in plain Java over one event (or one table row). Stores
 * translate filters to their index and test against this class; live tail uses it directly.
 *
 * <ul>
 *   <li>words and phrases: tokens of {@code msg} ({@link MessageTokens}); a prefix word matches a token that
 *       starts with it; a phrase matches consecutive tokens;</li>
 *   <li>term: strings compare exactly ({@code level} case-insensitively), numbers numerically when the value is a
 *       number ({@code ts} also accepts an RFC 3339 time), booleans with {@code true}/{@code false}, lists when any element
 *       matches;</li>
 *   <li>prefix and regex (whole-value match) on string values and string list elements;</li>
 *   <li>range: numeric values against numeric bounds; on {@code ts}/{@code _time} the bounds are times;</li>
 *   <li>exists: the value is not {@code null}.</li>
 * </ul>
 */
public final class FilterMatcher {

    /** Compiled patterns by source; bounded so hostile query streams cannot grow it. */
    private static final int PATTERN_CACHE_SIZE = 256;
    private static final Map<String, Pattern> PATTERNS = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > PATTERN_CACHE_SIZE;
        }
    };

    private FilterMatcher() {
    }

    /** Whether the event matches; {@code sizeBytes} is its JSON byte length, the {@code _size} pseudo-field. */
    public static boolean matches(Filter filter, LogEvent event, int sizeBytes) {
        return matches(filter, new EventFieldLookup(event, sizeBytes));
    }

    /** Whether the fields match; bare words and phrases read the {@code msg} field. */
    public static boolean matches(Filter filter, FieldLookup fields) {
        return matches(filter, fields, new MessageCache());
    }

    /**
     * The test a field filter (term, prefix, regex, range or exists) applies to one value of its field, with its
     * arguments parsed once: exactly what {@link #matches} does for that filter, for a store that reads the field's
     * values itself. The value is what {@link FieldLookup#get} would return ({@code null} when absent).
     *
     * @throws IllegalArgumentException for a word, phrase or boolean filter
     */
    public static Predicate<Object> valuePredicate(Filter filter) {
        if (filter instanceof TermFilter) {
            TermFilter t = (TermFilter) filter;
            Number bound = NumericText.parse(t.value());
            Long micros = "ts".equals(t.field()) && bound == null ? timeOrNull(t.value()) : null;
            return v -> term(t.field(), t.value(), bound, micros, v);
        }
        if (filter instanceof PrefixFilter) {
            String prefix = ((PrefixFilter) filter).prefix();
            return v -> prefix(prefix, v);
        }
        if (filter instanceof RegexFilter) {
            Pattern p = pattern(((RegexFilter) filter).regex());
            return v -> regex(p, v);
        }
        if (filter instanceof RangeFilter) {
            RangeFilter r = (RangeFilter) filter;
            Bounds bounds = Bounds.of(r);
            return v -> range(r, bounds, v);
        }
        if (filter instanceof ExistsFilter) {
            return v -> v != null;
        }
        throw new IllegalArgumentException("not a field filter: " + filter);
    }

    /** Whether a message satisfies a word or phrase filter ({@code null}: the event has no message). */
    public static boolean messageMatches(Filter filter, String msg) {
        List<String> tokens = msg == null ? List.of() : MessageTokens.of(msg);
        if (filter instanceof WordFilter) {
            WordFilter w = (WordFilter) filter;
            return word(w.word().toLowerCase(Locale.ROOT), w.prefix(), tokens);
        }
        if (filter instanceof PhraseFilter) {
            return phrase(MessageTokens.of(((PhraseFilter) filter).phrase()), tokens);
        }
        throw new IllegalArgumentException("not a word or phrase filter: " + filter);
    }

    /** The message's tokens, computed once per evaluation however many words and phrases ask for them. */
    private static final class MessageCache {
        private List<String> tokens;

        List<String> tokens(FieldLookup fields) {
            if (tokens == null) {
                Object msg = fields.get("msg");
                tokens = msg instanceof String ? MessageTokens.of((String) msg) : List.of();
            }
            return tokens;
        }
    }

    private static boolean matches(Filter filter, FieldLookup fields, MessageCache message) {
        if (filter instanceof MatchAllFilter) {
            return true;
        }
        if (filter instanceof AndFilter) {
            for (Filter f : ((AndFilter) filter).filters()) {
                if (!matches(f, fields, message)) {
                    return false;
                }
            }
            return true;
        }
        if (filter instanceof OrFilter) {
            for (Filter f : ((OrFilter) filter).filters()) {
                if (matches(f, fields, message)) {
                    return true;
                }
            }
            return false;
        }
        if (filter instanceof NotFilter) {
            return !matches(((NotFilter) filter).filter(), fields, message);
        }
        if (filter instanceof WordFilter) {
            WordFilter w = (WordFilter) filter;
            return word(w.word().toLowerCase(Locale.ROOT), w.prefix(), message.tokens(fields));
        }
        if (filter instanceof PhraseFilter) {
            return phrase(MessageTokens.of(((PhraseFilter) filter).phrase()), message.tokens(fields));
        }
        if (filter instanceof TermFilter) {
            TermFilter t = (TermFilter) filter;
            return term(t.field(), t.value(), fields.get(t.field()));
        }
        if (filter instanceof PrefixFilter) {
            PrefixFilter p = (PrefixFilter) filter;
            return prefix(p.prefix(), fields.get(p.field()));
        }
        if (filter instanceof RegexFilter) {
            RegexFilter r = (RegexFilter) filter;
            return regex(pattern(r.regex()), fields.get(r.field()));
        }
        if (filter instanceof RangeFilter) {
            RangeFilter r = (RangeFilter) filter;
            return range(r, fields.get(r.field()));
        }
        if (filter instanceof ExistsFilter) {
            return fields.get(((ExistsFilter) filter).field()) != null;
        }
        throw new IllegalArgumentException("unknown filter " + filter);
    }

    private static boolean word(String word, boolean prefix, List<String> tokens) {
        for (String token : tokens) {
            if (prefix ? token.startsWith(word) : token.equals(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean phrase(List<String> phrase, List<String> tokens) {
        if (phrase.isEmpty()) {
            return false;
        }
        outer:
        for (int start = 0; start + phrase.size() <= tokens.size(); start++) {
            for (int i = 0; i < phrase.size(); i++) {
                if (!tokens.get(start + i).equals(phrase.get(i))) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean term(String field, String expected, Object value) {
        Number bound = value instanceof Number || value instanceof List ? NumericText.parse(expected) : null;
        Long micros = "ts".equals(field) && bound == null && (value instanceof Number || value instanceof List)
                ? timeOrNull(expected) : null;
        return term(field, expected, bound, micros, value);
    }

    /** {@code bound}: the expected value as a number (or null); {@code micros}: as a time, for ts (or null). */
    private static boolean term(String field, String expected, Number bound, Long micros, Object value) {
        if (value instanceof List) {
            for (Object element : (List<?>) value) {
                if (term(field, expected, bound, micros, element)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof String) {
            return "level".equals(field) ? ((String) value).equalsIgnoreCase(expected) : value.equals(expected);
        }
        if (value instanceof Boolean) {
            return value.toString().equals(expected);
        }
        if (value instanceof Number) {
            if (bound != null) {
                return NumericText.compare((Number) value, bound) == 0;
            }
            if ("ts".equals(field)) {
                // ts holds epoch micros; a written time (not a number) names the same instant.
                return micros != null && micros == ((Number) value).longValue();
            }
            return false;
        }
        return false;
    }

    private static boolean prefix(String prefix, Object value) {
        if (value instanceof List) {
            for (Object element : (List<?>) value) {
                if (prefix(prefix, element)) {
                    return true;
                }
            }
            return false;
        }
        return value instanceof String && ((String) value).startsWith(prefix);
    }

    private static boolean regex(Pattern pattern, Object value) {
        if (value instanceof List) {
            for (Object element : (List<?>) value) {
                if (regex(pattern, element)) {
                    return true;
                }
            }
            return false;
        }
        if (!(value instanceof String)) {
            return false;
        }
        try {
            return pattern.matcher(new BoundedCharSequence((String) value)).matches();
        } catch (BoundedCharSequence.RegexBudgetExceeded e) {
            return false;
        }
    }

    private static Pattern pattern(String regex) {
        synchronized (PATTERNS) {
            return PATTERNS.computeIfAbsent(regex, Pattern::compile);
        }
    }

    /** A range's bounds parsed once: numbers, or times for {@code ts}/{@code _time}; {@code valid} false if unparsable. */
    private record Bounds(boolean time, Number lower, Number upper, boolean valid) {
        static Bounds of(RangeFilter r) {
            boolean time = "ts".equals(r.field()) || "_time".equals(r.field());
            Number lower = r.lower() == null ? null : time ? timeOrNull(r.lower()) : NumericText.parse(r.lower());
            Number upper = r.upper() == null ? null : time ? timeOrNull(r.upper()) : NumericText.parse(r.upper());
            boolean valid = (r.lower() == null || lower != null) && (r.upper() == null || upper != null);
            return new Bounds(time, lower, upper, valid);
        }
    }

    private static boolean range(RangeFilter r, Object value) {
        return range(r, Bounds.of(r), value);
    }

    private static boolean range(RangeFilter r, Bounds b, Object value) {
        if (value instanceof List) {
            for (Object element : (List<?>) value) {
                if (range(r, b, element)) {
                    return true;
                }
            }
            return false;
        }
        Number v;
        if (b.time) {
            v = value instanceof Number ? (Number) ((Number) value).longValue()
                    : value instanceof String ? timeOrNull((String) value) : null;
        } else {
            v = value instanceof Number ? (Number) value : null;
        }
        if (v == null || !b.valid) {
            return false;
        }
        if (b.lower != null) {
            int c = NumericText.compare(v, b.lower);
            if (c < 0 || (c == 0 && !r.lowerInclusive())) {
                return false;
            }
        }
        if (b.upper != null) {
            int c = NumericText.compare(v, b.upper);
            return c < 0 || (c == 0 && r.upperInclusive());
        }
        return true;
    }

    private static Long timeOrNull(String text) {
        try {
            return Timestamps.parseMicros(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
