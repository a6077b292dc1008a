package dev.logline.query.filter;

/**
 * {@code field>v}, {@code field<=v}, {@code field:[a TO b]}: a numeric or time range. Bounds are kept as
 * written (a number, or a time for {@code ts}) and {@code null} when open.
 */
public record RangeFilter(String field, String lower, boolean lowerInclusive, String upper, boolean upperInclusive)
        implements Filter {
}
