package dev.logline.logback.appender;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The appender's bounded in-memory queue: application threads add, one sender takes batches in arrival order.
 *
 * <p>Events are kept in one FIFO per level with a shared sequence number, so a full queue can drop the least
 * severe (oldest first) in constant time while batches still come out in exactly the order events went in.
 * Spilling to the disk spool happens under this queue's lock: every spooled event is then older than every
 * queued one, which is what lets the sender keep order by always emptying the spool first.
 */
final class EventQueue {

    /** Where a spill writes; called with the queue's lock held, and handles (counts) its own failures. */
    interface Spill {
        void write(List<byte[]> lines);
    }

    private static final int LEVELS = 5;

    private final int capacity;
    private final int signalEvery;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    @SuppressWarnings("unchecked")
    private final ArrayDeque<QueuedEvent>[] byLevel = new ArrayDeque[LEVELS];
    private int size;
    private long nextSeq;

    /**
     * @param capacity    most events held
     * @param signalEvery wake the sender whenever this many events are waiting (its batch size)
     */
    EventQueue(int capacity, int signalEvery) {
        this.capacity = capacity;
        this.signalEvery = Math.max(1, signalEvery);
        for (int i = 0; i < LEVELS; i++) {
            byLevel[i] = new ArrayDeque<>();
        }
    }

    /** Adds the event when there is room. */
    boolean offer(int level, byte[] line) {
        lock.lock();
        try {
            if (size >= capacity) {
                return false;
            }
            add(level, line);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds the event, making room by dropping the oldest event of the least severe level queued when that level is
     * below the new event's; otherwise the new event is the one dropped.
     *
     * @return {@code true} when nothing was dropped
     */
    boolean offerDroppingLeastSevere(int level, byte[] line) {
        lock.lock();
        try {
            if (size < capacity) {
                add(level, line);
                return true;
            }
            for (int l = 0; l < level; l++) {
                if (!byLevel[l].isEmpty()) {
                    byLevel[l].pollFirst();
                    size--;
                    add(level, line);
                    return false;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Adds the event, waiting up to the timeout for room; {@code false} when there was none. */
    boolean offer(int level, byte[] line, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (size >= capacity) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = notFull.awaitNanos(nanos);
            }
            add(level, line);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds the event, or when the queue is full moves every queued event and then this one to {@code spill}, in
     * order.
     *
     * @return the number of events spilled (0 when the event was queued)
     */
    int offerOrSpill(int level, byte[] line, Spill spill) {
        lock.lock();
        try {
            if (size < capacity) {
                add(level, line);
                return 0;
            }
            List<byte[]> lines = drainLines(size);
            lines.add(line);
            spill.write(lines);
            return lines.size();
        } finally {
            lock.unlock();
        }
    }

    /** Moves every queued event to {@code spill}, in order; returns how many. */
    int spillAll(Spill spill) {
        lock.lock();
        try {
            if (size == 0) {
                return 0;
            }
            List<byte[]> lines = drainLines(size);
            spill.write(lines);
            return lines.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for a batch: returns once {@code max} events wait or {@code lingerNanos} passed since the first one
     * arrived, or empty after {@code idleNanos} without events or when {@code hurry} turns true. Nothing is taken
     * while {@code spoolEmpty} is false (spooled events are older and go first).
     */
    List<byte[]> takeBatch(int max, long lingerNanos, long idleNanos, BooleanSupplier hurry,
                           BooleanSupplier spoolEmpty) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long idle = idleNanos;
            long deadline = 0;
            while (size < max && !hurry.getAsBoolean()) {
                if (size == 0) {
                    if (idle <= 0) {
                        return List.of();
                    }
                    idle = notEmpty.awaitNanos(idle);
                    continue;
                }
                long now = System.nanoTime();
                if (deadline == 0) {
                    deadline = now + lingerNanos;
                }
                long remaining = deadline - now;
                if (remaining <= 0) {
                    break;
                }
                notEmpty.awaitNanos(remaining);
            }
            if (size == 0 || !spoolEmpty.getAsBoolean()) {
                return List.of();
            }
            return drainLines(max);
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a sender waiting in {@link #takeBatch} (to stop, or to send now). */
    void wakeUp() {
        lock.lock();
        try {
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    private void add(int level, byte[] line) {
        int l = Math.max(0, Math.min(LEVELS - 1, level));
        byLevel[l].addLast(new QueuedEvent(nextSeq++, l, line));
        size++;
        if (size == 1 || size % signalEvery == 0) {
            notEmpty.signal();
        }
    }

    /** Takes up to {@code max} events in sequence order (the lock is held). */
    private List<byte[]> drainLines(int max) {
        int n = Math.min(max, size);
        List<byte[]> out = new ArrayList<>(n + 1);
        for (int i = 0; i < n; i++) {
            ArrayDeque<QueuedEvent> oldest = null;
            for (ArrayDeque<QueuedEvent> q : byLevel) {
                QueuedEvent head = q.peekFirst();
                if (head != null && (oldest == null || head.seq() < oldest.peekFirst().seq())) {
                    oldest = q;
                }
            }
            out.add(oldest.pollFirst().line());
        }
        size -= n;
        notFull.signalAll();
        return out;
    }
}
