package dev.logline.query.pipe;

import dev.logline.query.filter.Filter;

/** {@code | where count > 20}: filters the rows a previous stage produced. */
public record WherePipe(Filter filter) implements Pipe {
}
