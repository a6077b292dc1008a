package dev.logline.store.columnar.partition;

import java.util.Arrays;

/**
 * The events of one partition that are durable in the WAL but in no part yet: references into the WAL frame bodies
 * (no copy, no decoding) with each event's uid. The flusher turns a frozen memtable into a part.
 * Not thread-safe: one writer, frozen before it is read.
 */
public final class Memtable {

    private byte[][] bodies = new byte[256][];
    private int[] offsets = new int[256];
    private int[] lengths = new int[256];
    private long[] uids = new long[256];
    private int size;
    private long bytes;
    /** The highest WAL sequence number with an event in this memtable. */
    private long lastSeq;

    public void add(byte[] body, int offset, int length, long uid, long seq) {
        if (size == uids.length) {
            int n = size * 2;
            bodies = Arrays.copyOf(bodies, n);
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
            uids = Arrays.copyOf(uids, n);
        }
        bodies[size] = body;
        offsets[size] = offset;
        lengths[size] = length;
        uids[size] = uid;
        size++;
        bytes += length;
        lastSeq = Math.max(lastSeq, seq);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Bytes of the records (for the memory bound). */
    public long bytes() {
        return bytes;
    }

    public long lastSeq() {
        return lastSeq;
    }

    public byte[] body(int i) {
        return bodies[i];
    }

    public int offset(int i) {
        return offsets[i];
    }

    public int length(int i) {
        return lengths[i];
    }

    public long uid(int i) {
        return uids[i];
    }
}
