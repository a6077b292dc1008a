package dev.logline.context;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Holds the DEBUG/TRACE lines of one request or LogTrace in memory and emits them only if the work fails
 * ({@link #flush()}) — otherwise they are dropped with it ({@link #discard()}).
 *
 * <p>The backend does the diverting: with Logback, {@code dev.logline.logback.buffer.DebugBufferTurboFilter}
 * offers each such line to {@link #current()} while a buffer is bound. With no diverting backend the buffer stays
 * empty and DEBUG lines behave as usual. Bounded: when full, the oldest line is dropped and counted. After a
 * flush the buffer lets lines through directly (they are wanted now). Thread-safe; it travels with
 * {@link ContextSnapshot} so work on other threads is buffered too.
 */
public final class DebugBuffer {

    /** Lines held per buffer unless configured otherwise. */
    public static final int DEFAULT_CAPACITY = 256;

    private final int capacity;
    private final ArrayDeque<HeldLine> lines = new ArrayDeque<>();
    private long dropped;
    private boolean passThrough;

    public DebugBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("debug buffer capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /** The buffer bound to this thread, if any. */
    public static Optional<DebugBuffer> current() {
        return Optional.ofNullable(ContextState.current().buffer());
    }

    /** Binds this buffer to the current thread until the scope closes. */
    public ContextScope bind() {
        ContextState previous = ContextState.swap(ContextState.current().withBuffer(this));
        return new ContextScope(previous, () -> { });
    }

    /**
     * Offers a line to hold.
     *
     * @return true when held (the caller must not emit it now); false after a flush, when lines go straight out
     */
    public synchronized boolean hold(HeldLine line) {
        if (passThrough) {
            return false;
        }
        if (lines.size() == capacity) {
            lines.removeFirst();
            dropped++;
        }
        lines.addLast(line);
        return true;
    }

    /** Emits every held line in order and lets later lines through directly. */
    public void flush() {
        List<HeldLine> out;
        synchronized (this) {
            out = new ArrayList<>(lines);
            lines.clear();
            passThrough = true;
        }
        for (HeldLine line : out) {
            line.replay();
        }
    }

    /** Forgets every held line. */
    public synchronized void discard() {
        lines.clear();
    }

    /** Lines held now. */
    public synchronized int size() {
        return lines.size();
    }

    /** Lines dropped because the buffer was full. */
    public synchronized long droppedCount() {
        return dropped;
    }

    public int capacity() {
        return capacity;
    }
}
