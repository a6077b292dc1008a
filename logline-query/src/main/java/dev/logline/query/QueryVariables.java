package dev.logline.query;

import dev.logline.query.filter.AndFilter;
import dev.logline.query.filter.ExistsFilter;
import dev.logline.query.filter.Filter;
import dev.logline.query.filter.NotFilter;
import dev.logline.query.filter.OrFilter;
import dev.logline.query.filter.TermFilter;
import dev.logline.query.pipe.Pipe;
import dev.logline.query.pipe.WherePipe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Fills a dashboard's variables into a parsed query: a field condition whose value is exactly {@code $name}
 * ({@code service:$service}, or quoted, {@code service:"$service"}) takes the variable's value as its value. The
 * substitution works on the parsed query, never on its text, so a value holding quotes, parentheses, {@code OR}
 * or a {@code |} is only ever a value: it cannot add a condition or a pipe. A variable set to "all" ({@code null})
 * turns the condition into {@code field:*} (the event has the field). A {@code $word} that names no variable stays
 * as written, so a literal value such as {@code price:$5} keeps its meaning.
 */
public final class QueryVariables {

    /** What a variable's name may be: a letter or {@code _}, then letters, digits or {@code _}, at most 32. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,31}");

    private final Map<String, String> values;

    private QueryVariables(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Substitutes into {@code query}.
     *
     * @param values each variable's value by name; a name mapped to {@code null} means "all values"
     */
    public static Query substitute(Query query, Map<String, String> values) {
        if (values.isEmpty()) {
            return query;
        }
        QueryVariables v = new QueryVariables(values);
        List<Pipe> pipes = new ArrayList<>();
        for (Pipe p : query.pipes()) {
            pipes.add(p instanceof WherePipe w ? new WherePipe(v.filter(w.filter())) : p);
        }
        return new Query(v.filter(query.filter()), pipes);
    }

    /** The variable a value refers to ({@code $name} → {@code name}), or {@code null} when it is not a reference. */
    static String reference(String value) {
        if (value.length() < 2 || value.charAt(0) != '$') {
            return null;
        }
        String name = value.substring(1);
        return NAME.matcher(name).matches() ? name : null;
    }

    private Filter filter(Filter f) {
        if (f instanceof TermFilter t) {
            String name = reference(t.value());
            if (name == null || !values.containsKey(name)) {
                return t;
            }
            String value = values.get(name);
            return value == null ? new ExistsFilter(t.field()) : new TermFilter(t.field(), value);
        }
        if (f instanceof AndFilter a) {
            return new AndFilter(a.filters().stream().map(this::filter).toList());
        }
        if (f instanceof OrFilter o) {
            return new OrFilter(o.filters().stream().map(this::filter).toList());
        }
        if (f instanceof NotFilter n) {
            return new NotFilter(filter(n.filter()));
        }
        return f;
    }
}
