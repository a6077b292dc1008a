package dev.logline.server.api;

import dev.logline.query.filter.AndFilter;
import dev.logline.query.filter.Filter;
import dev.logline.query.filter.NotFilter;
import dev.logline.query.filter.OrFilter;
import dev.logline.query.filter.RegexFilter;

/** Finds a filter's regular expressions, so an error a store raises on one can name it. */
final class RegexFinder {

    private RegexFinder() {
    }

    /** The first regex as LQL writes it ({@code field:/…/}), or {@code null} when the filter has none. */
    static String first(Filter f) {
        if (f instanceof RegexFilter r) {
            return r.field() + ":/" + r.regex() + "/";
        }
        if (f instanceof NotFilter n) {
            return first(n.filter());
        }
        Iterable<Filter> parts = f instanceof AndFilter a ? a.filters() : f instanceof OrFilter o ? o.filters() : null;
        if (parts != null) {
            for (Filter p : parts) {
                String found = first(p);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
