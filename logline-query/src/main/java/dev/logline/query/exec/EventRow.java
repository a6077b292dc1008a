package dev.logline.query.exec;

import dev.logline.core.Timestamps;
import dev.logline.query.match.FieldLookup;

/**
 * An event in the pipeline, read through its fields: filters see {@code ts} as epoch micros, tables show it as
 * RFC 3339 text. The fields may be an event ({@code EventFieldLookup}) or a store's columns, which may be reused
 * for the next event, so only stages that read a row during {@code accept} may be handed those.
 */
final class EventRow implements Row {

    private final FieldLookup fields;
    private final Object handle;

    EventRow(FieldLookup fields) {
        this(fields, null);
    }

    EventRow(FieldLookup fields, Object handle) {
        this.fields = fields;
        this.handle = handle;
    }

    @Override
    public Object handle() {
        return handle;
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
