package dev.logline.logback.json;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small lock-free pool of {@link EncodeState}s shared by all threads: an encode call borrows one and gives it
 * back, so buffers are reused without ThreadLocals (which virtual threads would multiply). When every slot is
 * busy a fresh state is made and dropped afterwards.
 */
public final class EncodeStatePool {

    private final AtomicReferenceArray<EncodeState> slots;
    private final int mask;

    /** @param size slots, rounded up to a power of two */
    public EncodeStatePool(int size) {
        int n = Integer.highestOneBit(Math.max(1, size - 1)) << 1;
        slots = new AtomicReferenceArray<>(n);
        mask = n - 1;
    }

    /** A pool sized for this machine's cores. */
    public static EncodeStatePool forThisMachine() {
        return new EncodeStatePool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
    }

    /** Borrows a reset state. */
    public EncodeState acquire() {
        int start = (int) Thread.currentThread().getId();
        for (int i = 0; i <= mask; i++) {
            int slot = (start + i) & mask;
            EncodeState s = slots.get(slot);
            if (s != null && slots.compareAndSet(slot, s, null)) {
                s.reset();
                return s;
            }
        }
        EncodeState fresh = new EncodeState();
        fresh.reset();
        return fresh;
    }

    /** Gives a state back; it must not be used afterwards. */
    public void release(EncodeState s) {
        if (!s.poolable()) {
            return;
        }
        int start = (int) Thread.currentThread().getId();
        for (int i = 0; i <= mask; i++) {
            int slot = (start + i) & mask;
            if (slots.get(slot) == null && slots.compareAndSet(slot, null, s)) {
                return;
            }
        }
    }
}
