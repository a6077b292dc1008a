package dev.logline.store.columnar.block;

import java.util.Collection;

/** The decoded columns of one block, as merges read them: every column, by key. */
public interface BlockColumns {

    int rows();

    /** The column, or {@code null} when the block has none under this key. */
    ColumnVector column(ColumnKey key);

    /** Every column of the block. */
    Collection<ColumnVector> all();
}
