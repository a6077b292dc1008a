package dev.logline.query;

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
import dev.logline.query.pipe.FieldsPipe;
import dev.logline.query.pipe.LimitPipe;
import dev.logline.query.pipe.Pipe;
import dev.logline.query.pipe.SortPipe;
import dev.logline.query.pipe.StatsPipe;
import dev.logline.query.pipe.TimechartPipe;
import dev.logline.query.pipe.WherePipe;
import dev.logline.query.stats.Aggregate;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a query back as LQL in one canonical form: {@code parse(print(q))} equals {@code q} for every query the
 * parser produces. Canonical choices: {@code -} for NOT, implicit AND, {@code OR} alternatives with AND groups in
 * parentheses, {@code field>=v} for one-sided ranges, quotes only where a bare value would read differently.
 */
public final class LqlPrinter {

    private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "TO");

    private LqlPrinter() {
    }

    /** The canonical text of a whole query. */
    public static String print(Query query) {
        StringBuilder sb = new StringBuilder(print(query.filter()));
        for (Pipe p : query.pipes()) {
            sb.append(" | ").append(print(p));
        }
        return sb.toString();
    }

    /** The canonical text of a filter. */
    public static String print(Filter filter) {
        StringBuilder sb = new StringBuilder();
        filter(sb, filter);
        return sb.toString();
    }

    /** The canonical text of one pipe, without the leading {@code |}. */
    public static String print(Pipe pipe) {
        if (pipe instanceof FieldsPipe) {
            return "fields " + names(((FieldsPipe) pipe).fields());
        }
        if (pipe instanceof SortPipe) {
            SortPipe s = (SortPipe) pipe;
            return "sort by " + name(s.field()) + (s.descending() ? " desc" : "");
        }
        if (pipe instanceof LimitPipe) {
            return "limit " + ((LimitPipe) pipe).limit();
        }
        if (pipe instanceof StatsPipe) {
            StatsPipe s = (StatsPipe) pipe;
            return "stats " + aggregates(s.aggregates()) + by(s.by());
        }
        if (pipe instanceof TimechartPipe) {
            TimechartPipe t = (TimechartPipe) pipe;
            return "timechart " + interval(t.interval()) + " " + aggregates(t.aggregates()) + by(t.by());
        }
        if (pipe instanceof WherePipe) {
            return "where " + print(((WherePipe) pipe).filter());
        }
        throw new IllegalArgumentException("unknown pipe " + pipe);
    }

    /** A field or column name: bare when it reads back as itself, else backquoted. */
    public static String name(String name) {
        if (isBareName(name)) {
            return name;
        }
        StringBuilder sb = new StringBuilder("`");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '`' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('`').toString();
    }

    private static boolean isBareName(String name) {
        if (name.isEmpty() || name.charAt(0) == '-' || KEYWORDS.contains(name)) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!LqlScanner.isNameChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The shortest whole unit: 60s prints as 1m, 90s stays 90s. */
    static String interval(Duration d) {
        long seconds = d.getSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    private static String names(List<String> names) {
        return names.stream().map(LqlPrinter::name).collect(Collectors.joining(", "));
    }

    private static String aggregates(List<Aggregate> aggregates) {
        return aggregates.stream().map(Aggregate::print).collect(Collectors.joining(", "));
    }

    private static String by(List<String> by) {
        return by.isEmpty() ? "" : " by " + names(by);
    }

    private static void filter(StringBuilder sb, Filter f) {
        if (f instanceof MatchAllFilter) {
            sb.append('*');
        } else if (f instanceof WordFilter) {
            WordFilter w = (WordFilter) f;
            List<String> tokens = MessageTokens.of(w.word());
            if (tokens.size() == 1) {
                sb.append(tokens.get(0)).append(w.prefix() ? "*" : "");
            } else {
                // Not one token (a hand-built filter): the phrase of its tokens is the closest LQL can say.
                quoted(sb, w.word());
            }
        } else if (f instanceof PhraseFilter) {
            quoted(sb, ((PhraseFilter) f).phrase());
        } else if (f instanceof TermFilter) {
            TermFilter t = (TermFilter) f;
            sb.append(name(t.field())).append(':');
            if (FilterParser.MESSAGE_FIELD.equals(t.field())) {
                // msg:value means words; '=' asks for the exact whole message.
                sb.append('=');
                quoted(sb, t.value());
            } else {
                value(sb, t.value());
            }
        } else if (f instanceof PrefixFilter) {
            PrefixFilter p = (PrefixFilter) f;
            sb.append(name(p.field())).append(':');
            if (FilterParser.MESSAGE_FIELD.equals(p.field()) || !isBareValue(p.prefix())) {
                quoted(sb, p.prefix());
            } else {
                sb.append(p.prefix());
            }
            sb.append('*');
        } else if (f instanceof RegexFilter) {
            RegexFilter r = (RegexFilter) f;
            sb.append(name(r.field())).append(":/");
            regex(sb, r.regex());
            sb.append('/');
        } else if (f instanceof RangeFilter) {
            range(sb, (RangeFilter) f);
        } else if (f instanceof ExistsFilter) {
            sb.append(name(((ExistsFilter) f).field())).append(":*");
        } else if (f instanceof AndFilter) {
            List<Filter> all = ((AndFilter) f).filters();
            for (int i = 0; i < all.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                child(sb, all.get(i));
            }
        } else if (f instanceof OrFilter) {
            List<Filter> any = ((OrFilter) f).filters();
            for (int i = 0; i < any.size(); i++) {
                if (i > 0) {
                    sb.append(" OR ");
                }
                child(sb, any.get(i));
            }
        } else if (f instanceof NotFilter) {
            sb.append('-');
            child(sb, ((NotFilter) f).filter());
        } else {
            throw new IllegalArgumentException("unknown filter " + f);
        }
    }

    /** Composite children go in parentheses so precedence never decides what the text means. */
    private static void child(StringBuilder sb, Filter f) {
        if (f instanceof AndFilter || f instanceof OrFilter) {
            sb.append('(');
            filter(sb, f);
            sb.append(')');
        } else {
            filter(sb, f);
        }
    }

    private static void range(StringBuilder sb, RangeFilter r) {
        sb.append(name(r.field()));
        if (r.lower() != null && r.upper() != null || r.lower() == null && r.upper() == null) {
            sb.append(':').append(r.lower() != null && r.lowerInclusive() ? '[' : '{');
            bound(sb, r.lower());
            sb.append(" TO ");
            bound(sb, r.upper());
            sb.append(r.upper() != null && r.upperInclusive() ? ']' : '}');
        } else if (r.lower() != null) {
            sb.append(r.lowerInclusive() ? ">=" : ">");
            bound(sb, r.lower());
        } else {
            sb.append(r.upperInclusive() ? "<=" : "<");
            bound(sb, r.upper());
        }
    }

    private static void bound(StringBuilder sb, String bound) {
        if (bound == null) {
            sb.append('*');
        } else if (isBareValue(bound) && bound.indexOf(']') < 0 && bound.indexOf('}') < 0) {
            sb.append(bound);
        } else {
            quoted(sb, bound);
        }
    }

    private static void value(StringBuilder sb, String value) {
        if (isBareValue(value)) {
            sb.append(value);
        } else {
            quoted(sb, value);
        }
    }

    /** Whether a value reads back as itself without quotes after {@code field:}. */
    private static boolean isBareValue(String v) {
        if (v.isEmpty() || KEYWORDS.contains(v)) {
            return false;
        }
        char first = v.charAt(0);
        if (first == '/' || first == '=' || first == '[' || first == '{' || first == '`' || first == '<' || first == '>') {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (LqlScanner.isDelimiter(c) || c == '*' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static void quoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    /** A pattern between slashes: a slash or whitespace is escaped so the parser finds the true end. */
    private static void regex(StringBuilder sb, String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                sb.append(c).append(pattern.charAt(++i));
            } else if (c == '/' || Character.isWhitespace(c)) {
                sb.append('\\').append(c);
            } else {
                sb.append(c);
            }
        }
    }
}
