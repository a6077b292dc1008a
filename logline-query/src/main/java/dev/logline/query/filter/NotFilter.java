package dev.logline.query.filter;

/** {@code NOT f} or {@code -f}: the filter does not hold. */
public record NotFilter(Filter filter) implements Filter {
}
