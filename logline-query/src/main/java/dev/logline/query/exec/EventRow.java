package dev.logline.query.exec;

import dev.logline.core.Timestamps;
import dev.logline.query.match.EventFieldLookup;

/** An event in the pipeline; filters see {@code ts} as epoch micros, tables show it as RFC 3339 text. */
final class EventRow implements Row {

    private final EventFieldLookup fields;

    EventRow(EventFieldLookup fields) {
        this.fields = fields;
    }

    @Override
    public Object get(String field) {
        return fields.get(field);
    }

    @Override
    public Object cell(String column) {
        if ("ts".equals(column)) {
            return Timestamps.formatMicros(fields.event().tsMicros());
        }
        return Cells.of(fields.get(column));
    }
}
