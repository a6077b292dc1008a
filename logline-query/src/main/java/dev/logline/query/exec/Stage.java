package dev.logline.query.exec;

/** One step of a running pipeline: takes rows, passes rows on to the next stage, and flushes on finish. */
abstract class Stage {

    Stage next;

    abstract void accept(Row row);

    /**
     * Whether no further row can change what reaches the end: a full {@code limit} further down, with only
     * streaming stages in between. Blocking stages (sort, stats, timechart) are never saturated: what they pass on
     * is decided at finish.
     */
    boolean saturated() {
        return next.saturated();
    }

    /** Called once after the last row; blocking stages emit what they held, then finish the next stage. */
    void finish() {
        next.finish();
    }
}
