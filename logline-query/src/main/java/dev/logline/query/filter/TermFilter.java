package dev.logline.query.filter;

/** {@code field:value}: the field equals the value exactly (numbers compare numerically). */
public record TermFilter(String field, String value) implements Filter {
}
