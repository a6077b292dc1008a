package dev.logline.store;

import java.util.List;

/** The rows of a {@code stats}/{@code timechart} query; cells are String, Long, Double or null. */
public record TableResult(List<String> columns, List<List<Object>> rows, QueryCost cost) {
    public TableResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
