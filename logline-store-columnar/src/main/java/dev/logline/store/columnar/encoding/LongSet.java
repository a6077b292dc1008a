package dev.logline.store.columnar.encoding;

/**
 * An open-addressing set of longs (hashes), reused between blocks: counts distinct values so a bloom filter can be
 * sized before it is filled.
 *
 * <p>One instance serves columns of very different sizes (a message column's tokens, then a column of three
 * values), so clearing and iterating must not cost the table's size: a slot is in use when its stamp equals the
 * current generation ({@link #clear} just moves to the next one), and the values are also kept densely in insertion
 * order for {@link #forEach}.
 *
 * @lucene.internal
 */
public final class LongSet {

    private long[] slots = new long[1024];
    private int[] stamps = new int[1024];
    private long[] values = new long[512];
    private int generation = 1;
    private int size;

    public void clear() {
        size = 0;
        if (++generation == Integer.MAX_VALUE) {
            java.util.Arrays.fill(stamps, 0);
            generation = 1;
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
        while (stamps[i] == generation) {
            if (slots[i] == v) {
                return false;
            }
            i = (i + 1) & mask;
        }
        stamps[i] = generation;
        slots[i] = v;
        values[size++] = v;
        return true;
    }

    /** Calls the consumer with every value, in insertion order. */
    public void forEach(java.util.function.LongConsumer c) {
        for (int i = 0; i < size; i++) {
            c.accept(values[i]);
        }
    }

    /** The values, in insertion order, as a new array. */
    public long[] toArray() {
        return java.util.Arrays.copyOf(values, size);
    }

    private void grow() {
        int n = slots.length * 2;
        slots = new long[n];
        stamps = new int[n];
        values = java.util.Arrays.copyOf(values, n / 2);
        generation = 1;
        int mask = n - 1;
        for (int k = 0; k < size; k++) {
            long v = values[k];
            int i = (int) Hash64.fmix(v) & mask;
            while (stamps[i] == generation) {
                i = (i + 1) & mask;
            }
            stamps[i] = generation;
            slots[i] = v;
        }
    }
}
