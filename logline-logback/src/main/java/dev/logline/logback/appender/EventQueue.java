package dev.logline.logback.appender;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The appender's bounded in-memory queue: application threads add without taking a lock, one sender takes
 * batches in arrival order.
 *
 * <p>The fast path is a lock-free ring (D. Vyukov's bounded queue: each slot carries a sequence number that says
 * whether it is free for position {@code p} or holds the element of position {@code p}); a producer claims a
 * position with one CAS, writes the element and publishes it. Everything that <em>removes</em> elements — the
 * sender taking a batch, a producer spilling a full queue to disk, a producer dropping a less severe event to make
 * room — holds {@code takeLock}, so there is one consumer at a time and the spill is atomic with respect to the
 * sender: every spilled event is older than every event the sender takes afterwards, which is what lets the
 * sender keep each thread's order by always emptying the spool first. Producers only meet that lock when the
 * queue is full.
 *
 * <p>Removal stops at the first claimed-but-unpublished slot (a producer between its CAS and its write): what
 * follows stays queued, and since a thread publishes an event before it logs the next, each thread's events still
 * leave in the order it logged them.
 *
 * @param <E> the queued element (the appender queues Logback events; tests queue strings)
 */
final class EventQueue<E> {

    /** Where a spill writes; called with the take lock held, and handles (counts) its own failures. */
    interface Spill<E> {
        void write(List<E> events);
    }

    private static final int LEVELS = 5;
    /** Longest a blocked producer sleeps between looks for room. */
    private static final long MAX_BLOCK_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Longest a spill waits for claimed slots to be written. */
    private static final long PUBLISH_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final int capacity;
    private final int signalEvery;
    private final int mask;
    private final Object[] elements;
    private final byte[] levels;
    private final AtomicLongArray sequences;
    /** The next position a producer claims. */
    private final AtomicLong tail = new AtomicLong();
    /** The oldest position still queued; written only under {@code takeLock}. */
    private volatile long head;
    private final ReentrantLock takeLock = new ReentrantLock();
    /** The sender, once it waited for a batch (whom producers wake). */
    private volatile Thread consumer;
    /** 0 while the sender is not waiting, else the queue depth at which a producer should wake it. */
    private volatile int wakeAt;

    /**
     * @param capacity    most events held
     * @param signalEvery wake the sender whenever this many events are waiting (its batch size)
     */
    EventQueue(int capacity, int signalEvery) {
        this.capacity = Math.max(1, capacity);
        this.signalEvery = Math.max(1, signalEvery);
        int slots = Integer.highestOneBit(Math.max(2, this.capacity - 1)) << 1;
        this.mask = slots - 1;
        this.elements = new Object[slots];
        this.levels = new byte[slots];
        this.sequences = new AtomicLongArray(slots);
        for (int i = 0; i < slots; i++) {
            sequences.set(i, i);
        }
    }

    /** Adds the event when there is room; never blocks. */
    boolean offer(int level, E event) {
        long pos = tail.get();
        while (true) {
            if (pos - head >= capacity) {
                return false;
            }
            int slot = (int) pos & mask;
            long seq = sequences.getAcquire(slot);
            if (seq == pos) {
                long witnessed = tail.compareAndExchange(pos, pos + 1);
                if (witnessed == pos) {
                    break;
                }
                pos = witnessed;
            } else if (seq < pos) {
                // the slot's previous element is still being taken out: full for now
                return false;
            } else {
                pos = tail.get();
            }
        }
        int slot = (int) pos & mask;
        elements[slot] = event;
        levels[slot] = (byte) Math.max(0, Math.min(LEVELS - 1, level));
        sequences.setRelease(slot, pos + 1);
        int w = wakeAt;
        if (w > 0 && pos + 1 - head >= w) {
            wakeAt = 0;
            wakeConsumer();
        }
        return true;
    }

    /**
     * Adds the event, making room by dropping the oldest event of the least severe level queued when that level is
     * below the new event's; otherwise the new event is the one dropped.
     *
     * @return how many events were dropped (0 when the event was queued and nothing was lost)
     */
    int offerDroppingLeastSevere(int level, E event) {
        if (offer(level, event)) {
            return 0;
        }
        int dropped = 0;
        // Another producer can take the room made before this one gets to it: try a few times, then give up.
        for (int attempt = 0; attempt < 3; attempt++) {
            takeLock.lock();
            try {
                if (!removeOldestBelow(level)) {
                    return dropped + 1;
                }
                dropped++;
            } finally {
                takeLock.unlock();
            }
            if (offer(level, event)) {
                return dropped;
            }
        }
        return dropped + 1;
    }

    /** Adds the event, waiting up to the timeout for room; {@code false} when there was none. */
    boolean offer(int level, E event, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        long park = TimeUnit.MICROSECONDS.toNanos(50);
        while (!offer(level, event)) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            // The sender frees room a whole batch at a time: poll with a growing sleep rather than a condition,
            // which would put a lock back on the producers' path.
            LockSupport.parkNanos(this, Math.min(left, park));
            park = Math.min(MAX_BLOCK_PARK_NANOS, park * 2);
        }
        return true;
    }

    /**
     * Adds the event, or when the queue is full moves every queued event and then this one to {@code spill}, in
     * order.
     *
     * @return the number of events spilled (0 when the event was queued)
     */
    int offerOrSpill(int level, E event, Spill<E> spill) {
        if (offer(level, event)) {
            return 0;
        }
        takeLock.lock();
        try {
            List<E> events = drainAll();
            events.add(event);
            spill.write(events);
            return events.size();
        } finally {
            takeLock.unlock();
        }
    }

    /** Moves every queued event to {@code spill}, in order; returns how many. */
    int spillAll(Spill<E> spill) {
        takeLock.lock();
        try {
            List<E> events = drainAll();
            if (events.isEmpty()) {
                return 0;
            }
            spill.write(events);
            return events.size();
        } finally {
            takeLock.unlock();
        }
    }

    /**
     * Waits for a batch: returns once {@code max} events wait or {@code lingerNanos} passed since the first one
     * arrived, or empty after {@code idleNanos} without events or when {@code hurry} turns true. Nothing is taken
     * while {@code spoolEmpty} is false (spooled events are older and go first). Called by one thread, the sender.
     */
    List<E> takeBatch(int max, long lingerNanos, long idleNanos, BooleanSupplier hurry,
                      BooleanSupplier spoolEmpty) throws InterruptedException {
        consumer = Thread.currentThread();
        long idleEnd = System.nanoTime() + idleNanos;
        long deadline = 0;
        while (!hurry.getAsBoolean()) {
            long size = size();
            if (size >= max) {
                break;
            }
            long now = System.nanoTime();
            long until;
            if (size == 0) {
                if (now - idleEnd >= 0) {
                    return List.of();
                }
                until = idleEnd;
                wakeAt = 1;
            } else {
                if (deadline == 0) {
                    deadline = now + lingerNanos;
                }
                if (now - deadline >= 0) {
                    break;
                }
                until = deadline;
                wakeAt = max;
            }
            // Look again after announcing the wait: a producer that published before it saw wakeAt is seen here.
            long again = size();
            if ((size == 0 && again == 0) || (size > 0 && again < max)) {
                LockSupport.parkNanos(this, until - now);
            }
            wakeAt = 0;
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        takeLock.lockInterruptibly();
        try {
            if (!spoolEmpty.getAsBoolean()) {
                return List.of();
            }
            return drain(max);
        } finally {
            takeLock.unlock();
        }
    }

    /** Wakes a sender waiting in {@link #takeBatch} (to stop, or to send now). */
    void wakeUp() {
        wakeConsumer();
    }

    private void wakeConsumer() {
        Thread t = consumer;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Events queued (claimed positions included). */
    int size() {
        return (int) Math.max(0, Math.min(capacity, tail.get() - head));
    }

    /**
     * Takes every event, waiting a little for a producer between its claim and its write (a few instructions,
     * unless it was descheduled there) so a spill or a stop leaves nothing behind (the take lock is held).
     */
    private List<E> drainAll() {
        long end = tail.get();
        List<E> out = drain(Integer.MAX_VALUE);
        long giveUp = System.nanoTime() + PUBLISH_WAIT_NANOS;
        while (end - head > 0 && System.nanoTime() - giveUp < 0) {
            Thread.yield();
            out.addAll(drain((int) Math.min(Integer.MAX_VALUE, end - head)));
        }
        return out;
    }

    /** Takes up to {@code max} published events in order (the take lock is held). */
    private List<E> drain(int max) {
        long h = head;
        long end = tail.get();
        int n = (int) Math.min(max, end - h);
        List<E> out = new ArrayList<>(Math.min(n, capacity) + 1);
        for (int i = 0; i < n; i++) {
            int slot = (int) h & mask;
            if (sequences.getAcquire(slot) != h + 1) {
                break; // claimed, not yet published: it and what follows stay queued
            }
            @SuppressWarnings("unchecked")
            E e = (E) elements[slot];
            elements[slot] = null;
            sequences.setRelease(slot, h + mask + 1);
            h++;
            out.add(e);
        }
        // one volatile write per batch: producers read head only to bound the queue, a stale value errs on "full"
        head = h;
        return out;
    }

    /**
     * Removes the oldest published event of the least severe level below {@code level}, moving the older events
     * before it one slot up so the order is kept (the take lock is held); {@code false} when there is none.
     */
    private boolean removeOldestBelow(int level) {
        long h = head;
        long end = tail.get();
        long found = -1;
        int foundLevel = level;
        for (long p = h; p < end; p++) {
            int slot = (int) p & mask;
            if (sequences.getAcquire(slot) != p + 1) {
                break;
            }
            int l = levels[slot];
            if (l < foundLevel) {
                found = p;
                foundLevel = l;
                if (l == 0) {
                    break;
                }
            }
        }
        if (found < 0) {
            return false;
        }
        for (long p = found; p > h; p--) {
            int to = (int) p & mask;
            int from = (int) (p - 1) & mask;
            elements[to] = elements[from];
            levels[to] = levels[from];
        }
        int slot = (int) h & mask;
        elements[slot] = null;
        sequences.setRelease(slot, h + mask + 1);
        head = h + 1;
        return true;
    }
}
