package dev.logline.query.filter;

/** {@code field:val*}: the field's text starts with the prefix. */
public record PrefixFilter(String field, String prefix) implements Filter {
}
