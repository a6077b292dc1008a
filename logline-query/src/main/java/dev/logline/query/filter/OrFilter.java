package dev.logline.query.filter;

import java.util.List;

/** At least one of the filters holds. */
public record OrFilter(List<Filter> filters) implements Filter {
    public OrFilter {
        filters = List.copyOf(filters);
    }
}
