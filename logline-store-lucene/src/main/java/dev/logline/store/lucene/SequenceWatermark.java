package dev.logline.store.lucene;

import java.util.TreeSet;

/**
 * The highest WAL sequence number up to which every frame has been indexed, while several indexer threads finish
 * frames out of order. A commit records this value; replay re-adds (idempotently) whatever lies above it.
 */
final class SequenceWatermark {

    private long watermark;
    private final TreeSet<Long> doneAbove = new TreeSet<>();

    /** Starts with every frame up to {@code start} counted as done. */
    SequenceWatermark(long start) {
        this.watermark = start;
    }

    /** Marks frame {@code seq} indexed. */
    synchronized void complete(long seq) {
        if (seq <= watermark) {
            return;
        }
        doneAbove.add(seq);
        while (!doneAbove.isEmpty() && doneAbove.first() == watermark + 1) {
            watermark = doneAbove.pollFirst();
        }
    }

    /** Every frame up to and including this one is indexed. */
    synchronized long get() {
        return watermark;
    }
}
