package dev.logline.store.columnar.part;

import dev.logline.store.columnar.block.BlockColumns;
import dev.logline.store.columnar.block.ColumnKey;
import dev.logline.store.columnar.block.ColumnVector;
import dev.logline.store.columnar.block.Shape;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One block of a part, its columns decoded on first use and kept while the reader lives (one query or one merge).
 * Not thread-safe. The caller holds a reference on the part for as long as it uses the reader.
 *
 * @lucene.internal
 */
public final class BlockReader implements BlockColumns {

    private final Part part;
    private final int block;
    private final BlockMeta meta;
    private final ColumnVector[] decoded;
    /** Decompressed chunks read for single rows, kept for the next row of the same block. */
    private final byte[][] raw;
    private byte[] prefetched;
    private long prefetchedStart;
    private Shape[] shapesByCode;
    private Map<Integer, Shape> shapesByRow;
    private static final Shape NO_ATTRIBUTES = Shape.parse(new byte[] {0}, 0, 1);
    private static final Shape NO_ATTRIBUTES_WITH_ERROR = Shape.parse(new byte[] {Shape.FLAG_ERROR}, 0, 1);

    public BlockReader(Part part, int block) {
        this.part = part;
        this.block = block;
        this.meta = part.index().block(block);
        this.decoded = new ColumnVector[meta.columnCount()];
        this.raw = new byte[meta.columnCount()][];
    }

    public Part part() {
        return part;
    }

    public int blockIndex() {
        return block;
    }

    public BlockMeta meta() {
        return meta;
    }

    @Override
    public int rows() {
        return meta.rows();
    }

    /** The block's column index of a key, or -1 when the block has no such column. */
    public int columnIndex(ColumnKey key) {
        return part.columnIndex(block, part.index().keyId(key));
    }

    public boolean has(ColumnKey key) {
        return columnIndex(key) >= 0;
    }

    @Override
    public ColumnVector column(ColumnKey key) {
        int c = columnIndex(key);
        return c < 0 ? null : decoded(c);
    }

    public ColumnVector decoded(int column) {
        ColumnVector v = decoded[column];
        if (v == null) {
            v = part.column(block, column, prefetched, prefetchedStart);
            decoded[column] = v;
        }
        return v;
    }

    /**
     * The column's value at {@code row}, as a vector to read at that row only: the whole column when it is already
     * decoded, else just that row (rebuilding one event decodes no other row).
     */
    public ColumnVector columnAt(ColumnKey key, int row) {
        int c = columnIndex(key);
        if (c < 0) {
            return null;
        }
        ColumnVector v = decoded[c];
        return v != null ? v : part.columnRow(block, c, row, raw, prefetched, prefetchedStart);
    }

    /**
     * Reads all of the block's chunks in one go, for a caller about to decode most columns (rebuilding events,
     * merging): later column reads come from memory.
     */
    public BlockReader prefetch() {
        if (prefetched == null) {
            long[] range = part.blockRange(block);
            if (range != null) {
                prefetched = part.readBlock(range[0], range[1]);
                prefetchedStart = range[0];
            }
        }
        return this;
    }

    @Override
    public Collection<ColumnVector> all() {
        prefetch();
        List<ColumnVector> out = new ArrayList<>(decoded.length);
        for (int c = 0; c < decoded.length; c++) {
            out.add(decoded(c));
        }
        return out;
    }

    /** Every column key the block has. */
    public List<ColumnKey> keys() {
        List<ColumnKey> out = new ArrayList<>(meta.columnCount());
        for (int c = 0; c < meta.columnCount(); c++) {
            out.add(part.index().key(meta.keyId(c)));
        }
        return out;
    }

    /** The row's shape (how its attributes nest), parsed once per distinct shape. */
    public Shape shape(int row) {
        ColumnVector v = column(ColumnKey.SHAPE);
        if (v == null || !v.present(row)) {
            return NO_ATTRIBUTES;
        }
        if (v.hasDictionary()) {
            if (shapesByCode == null) {
                shapesByCode = new Shape[v.dictionarySize()];
            }
            int code = v.code(row);
            Shape s = shapesByCode[code];
            if (s == null) {
                s = Shape.parse(v.data(), v.offset(row), v.length(row));
                shapesByCode[code] = s;
            }
            return s;
        }
        if (shapesByRow == null) {
            shapesByRow = new HashMap<>();
        }
        return shapesByRow.computeIfAbsent(row, r -> Shape.parse(v.data(), v.offset(r), v.length(r)));
    }

    /** The shape every row without a shape column has (no attributes; the error flag as given). */
    static Shape emptyShape(boolean error) {
        return error ? NO_ATTRIBUTES_WITH_ERROR : NO_ATTRIBUTES;
    }
}
