package dev.logline.query.exec;

import dev.logline.query.match.FieldLookup;

/** One record flowing through the pipeline: an event, or a row a stats/timechart stage produced. */
interface Row extends FieldLookup {

    /** The value as a table cell (String, Long, Double or {@code null}); {@code ts} of an event becomes RFC 3339. */
    Object cell(String column);

    /** What the caller fed with the event this row stands for ({@link EventPipeline}), or {@code null}. */
    default Object handle() {
        return null;
    }
}
