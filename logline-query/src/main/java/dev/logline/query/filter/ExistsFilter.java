package dev.logline.query.filter;

/** {@code field:*}: the event has the field. */
public record ExistsFilter(String field) implements Filter {
}
