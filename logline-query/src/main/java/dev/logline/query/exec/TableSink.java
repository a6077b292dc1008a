package dev.logline.query.exec;

import java.util.ArrayList;
import java.util.List;

/** The end of the pipeline: collects the cells of each row under the final columns. */
final class TableSink extends Stage {

    private final List<String> columns;
    private final int maxRows;
    private final List<List<Object>> rows = new ArrayList<>();
    private Table table;

    TableSink(List<String> columns, int maxRows) {
        this.columns = columns;
        this.maxRows = maxRows;
    }

    @Override
    void accept(Row row) {
        if (rows.size() >= maxRows) {
            throw new QueryLimitException("the query returns more than " + maxRows
                    + " rows; add '| limit N' or narrow the filter");
        }
        List<Object> cells = new ArrayList<>(columns.size());
        for (String c : columns) {
            cells.add(row.cell(c));
        }
        rows.add(cells);
    }

    @Override
    boolean saturated() {
        return false;
    }

    @Override
    void finish() {
        table = new Table(columns, rows);
    }

    Table table() {
        return table;
    }
}
