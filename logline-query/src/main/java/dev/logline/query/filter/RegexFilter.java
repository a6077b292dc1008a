package dev.logline.query.filter;

/** {@code field:/regex/}: the field's whole text matches the regular expression (bounded in length and cost). */
public record RegexFilter(String field, String regex) implements Filter {
}
