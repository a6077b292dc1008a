package dev.logline.query.exec;

import dev.logline.core.Timestamps;
import dev.logline.query.match.FieldLookup;

/**
 * An event given only as its field values (a store's columns): {@code ts} as epoch micros, like {@link EventRow}.
 * The lookup may be reused for the next event, so only stages that read a row during {@code accept} may see it.
 */
final class LookupRow implements Row {

    private final FieldLookup fields;

    LookupRow(FieldLookup fields) {
        this.fields = fields;
    }

    @Override
    public Object get(String field) {
        return fields.get(field);
    }

    @Override
    public Object cell(String column) {
        Object v = fields.get(column);
        if ("ts".equals(column) && v instanceof Long) {
            return Timestamps.formatMicros((Long) v);
        }
        return Cells.of(v);
    }
}
