package dev.logline.store.columnar.query;

/** What one read did: blocks considered and read, rows examined, whether its time budget ran out. Not thread-safe. */
public final class ReadCost {

    long blocksConsidered;
    long blocksRead;
    long rowsScanned;
    boolean timedOut;

    public long blocksConsidered() {
        return blocksConsidered;
    }

    public long blocksRead() {
        return blocksRead;
    }

    public long rowsScanned() {
        return rowsScanned;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
