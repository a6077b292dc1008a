package dev.logline.query;

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
import java.util.regex.Pattern;

/**
 * Parses the filter part of LQL (and the filter of {@code | where}): words, phrases, {@code field:value} forms,
 * ranges, {@code AND}/{@code OR}/{@code NOT}/{@code -} and parentheses. Precedence: NOT, then AND, then OR.
 */
final class FilterParser {

    /** The field bare words and phrases search. */
    static final String MESSAGE_FIELD = "msg";

    private static final Pattern NUMBER = Pattern.compile("-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

    /** Parses one alternative inside a boolean expression: a top-level term, or a value of a grouped field. */
    private interface Primary {
        Filter parse(String after);
    }

    private final LqlScanner s;

    FilterParser(LqlScanner s) {
        this.s = s;
    }

    /** Parses a filter expression up to a {@code |} or the end; a stray {@code )} is an error. */
    Filter parseFilter() {
        Filter f = orExpression(this::primary, "the start of the query");
        s.skipWhitespace();
        if (s.peekIs(')')) {
            throw s.error(s.pos, "unexpected ')' with no matching '('");
        }
        return f;
    }

    private Filter orExpression(Primary primary, String after) {
        List<Filter> alternatives = new ArrayList<>();
        addFlattened(alternatives, andExpression(primary, after), OrFilter.class);
        while (true) {
            s.skipWhitespace();
            if (!s.atKeyword("OR")) {
                break;
            }
            s.pos += 2;
            addFlattened(alternatives, andExpression(primary, "'OR'"), OrFilter.class);
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new OrFilter(alternatives);
    }

    private Filter andExpression(Primary primary, String after) {
        List<Filter> all = new ArrayList<>();
        addFlattened(all, unary(primary, after), AndFilter.class);
        while (true) {
            s.skipWhitespace();
            if (s.eof() || s.peekIs(')') || s.peekIs('|') || s.atKeyword("OR")) {
                break;
            }
            String what = "a filter";
            if (s.atKeyword("AND")) {
                s.pos += 3;
                what = "'AND'";
            }
            addFlattened(all, unary(primary, what), AndFilter.class);
        }
        // "*" next to other conditions adds nothing; dropping it keeps the AST (and what stores see) simple.
        if (all.size() > 1) {
            all.removeIf(f -> f instanceof MatchAllFilter);
        }
        return all.size() == 1 ? all.get(0) : new AndFilter(all);
    }

    private static void addFlattened(List<Filter> into, Filter f, Class<? extends Filter> kind) {
        if (kind == AndFilter.class && f instanceof AndFilter) {
            into.addAll(((AndFilter) f).filters());
        } else if (kind == OrFilter.class && f instanceof OrFilter) {
            into.addAll(((OrFilter) f).filters());
        } else {
            into.add(f);
        }
    }

    private Filter unary(Primary primary, String after) {
        s.skipWhitespace();
        int start = s.pos;
        boolean negated = false;
        if (s.atKeyword("NOT")) {
            s.pos += 3;
            negated = true;
        } else if (s.peekIs('-')) {
            s.pos++;
            negated = true;
        }
        if (negated) {
            s.enter(start);
            Filter inner = unary(primary, "'" + s.text.substring(start, s.pos) + "'");
            s.leave();
            return new NotFilter(inner);
        }
        if (s.atKeyword("AND") || s.atKeyword("OR")) {
            throw s.error(s.pos, "expected a filter before '" + s.snippet(s.pos) + "'");
        }
        Filter f = primary.parse(after);
        // Groups (parenthesised, or a field's values) are read through this method too and counted term by term.
        if (!(f instanceof AndFilter || f instanceof OrFilter || f instanceof NotFilter || f instanceof MatchAllFilter)) {
            s.countTerms(start, 1);
        }
        return f;
    }

    private Filter group(Primary primary, String after) {
        int open = s.pos;
        s.enter(open);
        s.pos++;
        s.skipWhitespace();
        if (s.peekIs(')')) {
            throw s.error(s.pos, "empty parentheses; put a filter inside or remove them");
        }
        Filter inner = orExpression(primary, "'('");
        s.skipWhitespace();
        if (!s.peekIs(')')) {
            throw s.error(s.pos, "unbalanced parenthesis opened at column " + (open + 1) + "; add ')'");
        }
        s.pos++;
        s.leave();
        return inner;
    }

    private Filter primary(String after) {
        s.skipWhitespace();
        if (s.eof() || s.peekIs('|')) {
            throw s.error(s.pos, "expected a filter after " + after);
        }
        char c = s.peek();
        int start = s.pos;
        switch (c) {
            case '(':
                return group(this::primary, after);
            case ')':
                throw s.error(start, "unexpected ')' with no matching '('");
            case '"': {
                String phrase = s.readQuoted();
                if (s.peekIs('*')) {
                    throw s.error(s.pos, "a quoted phrase cannot end in '*'; use msg:\"…\"* to match the start of the message");
                }
                return phrase(phrase, start);
            }
            case '`':
                return fieldExpression(s.readBackquoted(), start);
            default:
                break;
        }
        if (c == '*' && s.atDelimiterOrEnd(start + 1)) {
            s.pos++;
            return MatchAllFilter.INSTANCE;
        }
        int nameEnd = s.nameEnd(start);
        if (nameEnd > start) {
            int call = s.callEnd(nameEnd);
            int end = call > 0 ? call : nameEnd;
            int op = end;
            while (op < s.text.length() && s.text.charAt(op) == ' ') {
                op++;
            }
            boolean field = (end < s.text.length() && s.text.charAt(end) == ':')
                    || (op < s.text.length() && (s.text.charAt(op) == '<' || s.text.charAt(op) == '>'));
            if (field) {
                String name = LqlScanner.columnName(s.text.substring(start, end));
                s.pos = op > end && s.text.charAt(end) != ':' ? op : end;
                return fieldExpression(name, start);
            }
        }
        int end = start;
        while (end < s.text.length() && !LqlScanner.isDelimiter(s.text.charAt(end))) {
            end++;
        }
        s.pos = end;
        return word(s.text.substring(start, end), start);
    }

    /** A bare word searching the message: one token becomes a word filter, several a phrase. */
    private Filter word(String raw, int at) {
        boolean prefix = raw.endsWith("*");
        String core = prefix ? raw.substring(0, raw.length() - 1) : raw;
        int star = core.indexOf('*');
        if (star >= 0) {
            throw s.error(at + star, "'*' is only allowed at the end of a word (prefix search)");
        }
        List<String> tokens = MessageTokens.of(core);
        if (tokens.isEmpty()) {
            throw s.error(at, "'" + raw + "' has no letters or digits to search for; quote it or use field:value");
        }
        if (tokens.size() == 1) {
            return new WordFilter(tokens.get(0), prefix);
        }
        if (prefix) {
            throw s.error(at, "prefix search works on one word, but '" + raw + "' has " + tokens.size()
                    + "; quote it to search the phrase");
        }
        return new PhraseFilter(core);
    }

    private Filter phrase(String phrase, int at) {
        if (MessageTokens.of(phrase).isEmpty()) {
            throw s.error(at, "the phrase \"" + phrase + "\" has no letters or digits to search for");
        }
        return new PhraseFilter(phrase);
    }

    private Filter fieldExpression(String field, int start) {
        if (s.peekIs(':')) {
            s.pos++;
            if (s.peekIs('<') || s.peekIs('>')) {
                // Lucene's spelling, field:>5, means the same as field>5.
                return comparison(field);
            }
            return value(field, start);
        }
        if (s.peekIs('<') || s.peekIs('>')) {
            return comparison(field);
        }
        throw s.error(s.pos, "expected ':', '<' or '>' after the field name '" + field + "'");
    }

    private Filter comparison(String field) {
        boolean lower = s.peek() == '>';
        int opStart = s.pos;
        s.pos++;
        boolean inclusive = false;
        if (s.peekIs('=')) {
            s.pos++;
            inclusive = true;
        }
        String op = s.text.substring(opStart, s.pos);
        s.skipWhitespace();
        String bound = readBound(field, field + op, false);
        if (bound == null) {
            throw s.error(s.pos, "expected a " + (isTimeField(field) ? "time" : "number") + " after '" + field + op + "'");
        }
        return lower ? new RangeFilter(field, bound, inclusive, null, false)
                : new RangeFilter(field, null, false, bound, inclusive);
    }

    /** The value after {@code field:}. */
    private Filter value(String field, int fieldStart) {
        int at = s.pos;
        String after = "'" + s.text.substring(fieldStart, at) + "'";
        if (s.eof() || Character.isWhitespace(s.peek()) || s.peekIs('|') || s.peekIs(')')) {
            throw s.error(at, "expected a value after " + after);
        }
        return fieldValue(field, after);
    }

    private Filter fieldValue(String field, String after) {
        int at = s.pos;
        char c = s.peek();
        switch (c) {
            case '=': {
                s.pos++;
                if (s.eof() || LqlScanner.isDelimiter(s.peek()) && !s.peekIs('"')) {
                    throw s.error(s.pos, "expected a value after " + after.substring(0, after.length() - 1) + "='");
                }
                String exact = s.peekIs('"') ? s.readQuoted() : readBareValue(false).text;
                return new TermFilter(field, exact);
            }
            case '"': {
                String quoted = s.readQuoted();
                if (s.peekIs('*')) {
                    s.pos++;
                    return new PrefixFilter(field, quoted);
                }
                return MESSAGE_FIELD.equals(field) ? phrase(quoted, at) : new TermFilter(field, quoted);
            }
            case '(': {
                Primary valuePrimary = a -> groupedValue(field, a);
                return group(valuePrimary, after);
            }
            case '[':
            case '{':
                return range(field, after);
            case '/': {
                Filter regex = regex(field);
                if (regex != null) {
                    return regex;
                }
                break;
            }
            case '*':
                if (s.atDelimiterOrEnd(at + 1)) {
                    s.pos++;
                    return new ExistsFilter(field);
                }
                break;
            default:
                break;
        }
        BareValue v = readBareValue(true);
        if (MESSAGE_FIELD.equals(field)) {
            return word(v.prefix ? v.text + "*" : v.text, at);
        }
        if (v.prefix) {
            return new PrefixFilter(field, v.text);
        }
        return new TermFilter(field, v.text);
    }

    private Filter groupedValue(String field, String after) {
        s.skipWhitespace();
        if (s.eof() || s.peekIs('|') || s.peekIs(')')) {
            throw s.error(s.pos, "expected a value for '" + field + "' after " + after);
        }
        return fieldValue(field, after);
    }

    private static final class BareValue {
        final String text;
        final boolean prefix;

        BareValue(String text, boolean prefix) {
            this.text = text;
            this.prefix = prefix;
        }
    }

    /** Reads an unquoted value up to a delimiter; backslash escapes a character; a final {@code *} means prefix. */
    private BareValue readBareValue(boolean wildcards) {
        StringBuilder sb = new StringBuilder();
        boolean prefix = false;
        int start = s.pos;
        while (!s.eof() && !LqlScanner.isDelimiter(s.peek())) {
            char c = s.peek();
            if (c == '\\' && s.pos + 1 < s.text.length()) {
                sb.append(s.text.charAt(s.pos + 1));
                s.pos += 2;
                continue;
            }
            if (c == '*' && wildcards) {
                if (!s.atDelimiterOrEnd(s.pos + 1)) {
                    throw s.error(s.pos, "'*' is only allowed at the end of a value (prefix match); escape it as \\* to search for it");
                }
                prefix = true;
                s.pos++;
                break;
            }
            sb.append(c);
            s.pos++;
        }
        if (sb.length() == 0 && !prefix) {
            throw s.error(start, "expected a value");
        }
        return new BareValue(sb.toString(), prefix);
    }

    /** {@code [a TO b]}, {@code {a TO b}} and mixed brackets; {@code *} leaves a side open. */
    private Filter range(String field, String after) {
        int open = s.pos;
        boolean lowerInclusive = s.peek() == '[';
        s.pos++;
        s.skipWhitespace();
        String lower = readBound(field, field + ":" + s.text.charAt(open), true);
        s.skipWhitespace();
        if (!s.atWordIgnoreCase("TO", "*]}\"")) {
            throw s.error(s.pos, "expected 'TO' in the range opened at column " + (open + 1) + ", like " + field + ":[1 TO 5]");
        }
        s.pos += 2;
        s.skipWhitespace();
        String upper = readBound(field, "TO", true);
        s.skipWhitespace();
        if (!s.peekIs(']') && !s.peekIs('}')) {
            throw s.error(s.pos, "expected ']' or '}' to close the range opened at column " + (open + 1));
        }
        boolean upperInclusive = s.peek() == ']';
        s.pos++;
        return new RangeFilter(field, lower, lower != null && lowerInclusive, upper, upper != null && upperInclusive);
    }

    /** A range bound (quoted or bare), validated as a number, or a time for {@code ts}; {@code null} for an open {@code *}. */
    private String readBound(String field, String after, boolean inBrackets) {
        int at = s.pos;
        String bound;
        if (s.peekIs('"')) {
            bound = s.readQuoted();
        } else {
            int end = at;
            while (end < s.text.length() && !LqlScanner.isDelimiter(s.text.charAt(end))
                    && !(inBrackets && (s.text.charAt(end) == ']' || s.text.charAt(end) == '}'))) {
                end++;
            }
            bound = s.text.substring(at, end);
            s.pos = end;
            if (bound.isEmpty()) {
                if (inBrackets) {
                    throw s.error(at, "expected a " + (isTimeField(field) ? "time" : "number") + " or * after '" + after + "'");
                }
                return null;
            }
            if (inBrackets && bound.equals("*")) {
                return null;
            }
        }
        if (isTimeField(field)) {
            try {
                Timestamps.parseMicros(bound);
            } catch (IllegalArgumentException e) {
                throw s.error(at, "expected a time like 2026-11-22T10:00:00Z after '" + after + "' but found '" + bound + "'");
            }
        } else if (!NUMBER.matcher(bound).matches()) {
            throw s.error(at, "expected a number after '" + after + "' but found '" + bound + "'");
        }
        return bound;
    }

    /** Whether range bounds on this field are times: {@code ts}, and timechart's {@code _time} column. */
    static boolean isTimeField(String field) {
        return "ts".equals(field) || "_time".equals(field);
    }

    /**
     * A {@code /regex/} after {@code field:} when a closing slash is followed by a delimiter; otherwise
     * {@code null} and the text is read as a plain value ({@code path:/healthz}). {@code \/} and
     * {@code \ } stand for a slash and a space inside the pattern.
     */
    private Filter regex(String field) {
        int open = s.pos;
        int i = open + 1;
        StringBuilder sb = new StringBuilder();
        while (i < s.text.length()) {
            char c = s.text.charAt(i);
            if (c == '\\' && i + 1 < s.text.length()) {
                char next = s.text.charAt(i + 1);
                if (next == '/' || Character.isWhitespace(next)) {
                    sb.append(next);
                } else {
                    sb.append(c).append(next);
                }
                i += 2;
                continue;
            }
            if (Character.isWhitespace(c)) {
                return null;
            }
            if (c == '/' && s.atDelimiterOrEnd(i + 1)) {
                String pattern = sb.toString();
                String problem = RegexSyntax.check(pattern);
                if (problem != null) {
                    throw s.error(open, problem);
                }
                s.pos = i + 1;
                return new RegexFilter(field, pattern);
            }
            sb.append(c);
            i++;
        }
        return null;
    }
}
