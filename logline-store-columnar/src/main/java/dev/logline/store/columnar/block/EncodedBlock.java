package dev.logline.store.columnar.block;

import java.util.List;

/**
 * One block, encoded: rows of one stream in time order, a column each.
 *
 * @param rows     row count
 * @param minTs    the oldest event time (micros)
 * @param maxTs    the newest event time (micros)
 * @param rawBytes the bytes of the values before encoding (for sizing and metrics)
 * @param columns  the columns, sorted by key
 */
public record EncodedBlock(int rows, long minTs, long maxTs, long rawBytes, List<EncodedColumn> columns) {
    public EncodedBlock {
        columns = List.copyOf(columns);
    }
}
