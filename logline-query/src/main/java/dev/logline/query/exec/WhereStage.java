package dev.logline.query.exec;

import dev.logline.query.filter.Filter;
import dev.logline.query.match.FilterMatcher;

/** {@code | where f}: passes the rows the filter matches; the row's columns are its fields. */
final class WhereStage extends Stage {

    private final Filter filter;

    WhereStage(Filter filter) {
        this.filter = filter;
    }

    @Override
    void accept(Row row) {
        if (FilterMatcher.matches(filter, row)) {
            next.accept(row);
        }
    }
}
