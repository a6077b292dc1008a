package dev.logline.query.exec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The result of a pipeline: named columns and rows of cells (String, Long, Double or {@code null}), in order.
 *
 * @param columns the column names
 * @param rows    the rows; each has one cell per column
 */
public record Table(List<String> columns, List<List<Object>> rows) {

    public Table {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            // Cells may be null, which List.copyOf refuses.
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }
}
