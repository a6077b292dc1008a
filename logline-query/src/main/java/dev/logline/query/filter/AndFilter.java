package dev.logline.query.filter;

import java.util.List;

/** All of the filters hold (LQL's implicit or explicit {@code AND}). */
public record AndFilter(List<Filter> filters) implements Filter {
    public AndFilter {
        filters = List.copyOf(filters);
    }
}
