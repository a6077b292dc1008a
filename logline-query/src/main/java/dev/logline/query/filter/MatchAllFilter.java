package dev.logline.query.filter;

/** {@code *}: every event. */
public record MatchAllFilter() implements Filter {
    public static final MatchAllFilter INSTANCE = new MatchAllFilter();
}
