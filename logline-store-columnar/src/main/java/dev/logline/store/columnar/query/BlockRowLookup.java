package dev.logline.store.columnar.query;

import dev.logline.query.match.FieldLookup;

/** The fields of one row of a block, read from its columns: what aggregations and row filters see of an event. */
final class BlockRowLookup implements FieldLookup {

    private final BlockFilter fields;
    private int row;

    BlockRowLookup(BlockFilter fields) {
        this.fields = fields;
    }

    BlockRowLookup at(int r) {
        row = r;
        return this;
    }

    @Override
    public Object get(String field) {
        return fields.field(field).value(row);
    }
}
