package dev.logline.store.columnar.encoding;

import java.util.Arrays;

/**
 * An open-addressing set of longs (hashes), reused between blocks: counts distinct values so a bloom filter can be
 * sized before it is filled.
 *
 * @lucene.internal
 */
public final class LongSet {

    private long[] slots = new long[1024];
    private boolean[] used = new boolean[1024];
    private int size;

    public void clear() {
        if (size > 0) {
            Arrays.fill(used, false);
            size = 0;
        }
    }

    public int size() {
        return size;
    }

    /** Adds a value; returns whether it was new. */
    public boolean add(long v) {
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = (int) Hash64.fmix(v) & mask;
        while (used[i]) {
            if (slots[i] == v) {
                return false;
            }
            i = (i + 1) & mask;
        }
        used[i] = true;
        slots[i] = v;
        size++;
        return true;
    }

    /** Calls the consumer with every value, in no order. */
    public void forEach(java.util.function.LongConsumer c) {
        for (int i = 0; i < slots.length; i++) {
            if (used[i]) {
                c.accept(slots[i]);
            }
        }
    }

    private void grow() {
        long[] oldSlots = slots;
        boolean[] oldUsed = used;
        slots = new long[oldSlots.length * 2];
        used = new boolean[oldSlots.length * 2];
        size = 0;
        for (int i = 0; i < oldSlots.length; i++) {
            if (oldUsed[i]) {
                add(oldSlots[i]);
            }
        }
    }
}
