package dev.logline.query.exec;

/** One step of a running pipeline: takes rows, passes rows on to the next stage, and flushes on finish. */
abstract class Stage {

    Stage next;

    abstract void accept(Row row);

    /** Called once after the last row; blocking stages emit what they held, then finish the next stage. */
    void finish() {
        next.finish();
    }
}
