package dev.logline.query.exec;

import java.util.Map;

/** A row made by stats or timechart: its cells by column name. */
final class TableRow implements Row {

    private final Map<String, Object> cells;

    TableRow(Map<String, Object> cells) {
        this.cells = cells;
    }

    @Override
    public Object get(String field) {
        return cells.get(field);
    }

    @Override
    public Object cell(String column) {
        return Cells.of(cells.get(column));
    }
}
