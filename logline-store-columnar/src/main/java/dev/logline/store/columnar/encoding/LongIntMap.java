package dev.logline.store.columnar.encoding;

import java.util.Arrays;

/**
 * An open-addressing map from long keys to small int values, reused between blocks: the group of each row of an
 * aggregation, looked up without boxing.
 *
 * @lucene.internal
 */
public final class LongIntMap {

    private long[] keys = new long[64];
    private int[] values = new int[64];
    private boolean[] used = new boolean[64];
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

    /** The value of the key, or -1. */
    public int get(long key) {
        int mask = keys.length - 1;
        int i = (int) Hash64.fmix(key) & mask;
        while (used[i]) {
            if (keys[i] == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    public void put(long key, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = (int) Hash64.fmix(key) & mask;
        while (used[i]) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        used[i] = true;
        keys[i] = key;
        values[i] = value;
        size++;
    }

    private void grow() {
        long[] k = keys;
        int[] v = values;
        boolean[] u = used;
        keys = new long[k.length * 2];
        values = new int[k.length * 2];
        used = new boolean[k.length * 2];
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (u[i]) {
                put(k[i], v[i]);
            }
        }
    }
}
