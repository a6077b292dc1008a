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
        if (value instanceof List) {
            for (Object element : (List<?>) value) {
                if (term(field, expected, element)) {
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
            Number bound = NumericText.parse(expected);
            if (bound != null) {
                return NumericText.compare((Number) value, bound) == 0;
            }
            if ("ts".equals(field)) {
                // ts holds epoch micros; a written time (not a number) names the same instant.
                Long micros = timeOrNull(expected);
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

    private static boolean range(RangeFilter r, Object value) {
        if (value instanceof List) {
            for (Object element : (List<?>) value) {
                if (range(r, element)) {
                    return true;
                }
            }
            return false;
        }
        boolean time = "ts".equals(r.field()) || "_time".equals(r.field());
        Number v;
        if (time) {
            v = value instanceof Number ? (Number) ((Number) value).longValue()
                    : value instanceof String ? timeOrNull((String) value) : null;
        } else {
            v = value instanceof Number ? (Number) value : null;
        }
        if (v == null) {
            return false;
        }
        if (r.lower() != null) {
            Number lower = time ? timeOrNull(r.lower()) : NumericText.parse(r.lower());
            if (lower == null) {
                return false;
            }
            int c = NumericText.compare(v, lower);
            if (c < 0 || (c == 0 && !r.lowerInclusive())) {
                return false;
            }
        }
        if (r.upper() != null) {
            Number upper = time ? timeOrNull(r.upper()) : NumericText.parse(r.upper());
            if (upper == null) {
                return false;
            }
            int c = NumericText.compare(v, upper);
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
