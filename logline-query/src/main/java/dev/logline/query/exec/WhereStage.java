package dev.logline.query.exec;

import dev.logline.query.filter.Filter;
import dev.logline.query.match.FilterMatcher;

/** {@code | where f}: passes the rows the filter matches; the row's columns are its fields. */
final class WhereStage extends Stage {

    private final Filter filter;
    private final QueryBudget budget;

    WhereStage(Filter filter, QueryBudget budget) {
        this.filter = filter;
        this.budget = budget;
    }

    @Override
    void accept(Row row) {
        budget.checkTime(); // a where may hold a costly regular expression; the scan checks only between blocks
        if (FilterMatcher.matches(filter, row)) {
            next.accept(row);
        }
    }
}
