package dev.logline.query;

import dev.logline.query.filter.Filter;
import dev.logline.query.pipe.Pipe;

import java.util.List;
import java.util.Objects;

/**
 * A parsed LQL query: one filter, then zero or more pipes applied in order.
 *
 * @param filter the filter ({@link dev.logline.query.filter.MatchAllFilter} for {@code *})
 * @param pipes  the pipes, possibly empty
 */
public record Query(Filter filter, List<Pipe> pipes) {

    public Query {
        Objects.requireNonNull(filter, "filter");
        pipes = List.copyOf(pipes);
    }
}
