package dev.logline.query.exec;

/** {@code | limit N}: passes the first N rows it sees. */
final class LimitStage extends Stage {

    private final int limit;
    private int passed;

    LimitStage(int limit) {
        this.limit = limit;
    }

    @Override
    boolean saturated() {
        return passed >= limit || next.saturated();
    }

    @Override
    void accept(Row row) {
        if (passed < limit) {
            passed++;
            next.accept(row);
        }
    }
}
