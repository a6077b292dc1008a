package dev.logline.query.pipe;

/** {@code | sort by f [asc|desc]}. */
public record SortPipe(String field, boolean descending) implements Pipe {
}
