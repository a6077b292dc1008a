package dev.logline.query.stats;

/** The running state of one aggregate over one group; not thread-safe. */
public interface Accumulator {

    /** Adds the field's value of one event ({@code null} when the event lacks the field). */
    void add(Object value);

    /**
     * Adds the same value {@code times} times, as that many events with it would; for a store that counted
     * identical events itself. Aggregates that can do better than a loop override it.
     */
    default void addRepeated(Object value, long times) {
        for (long i = 0; i < times; i++) {
            add(value);
        }
    }

    /** Adds a long value (a store reading a column adds without boxing); the same as {@code add(Long)}. */
    default void addLong(long value) {
        add(value);
    }

    /** Adds a double value; the same as {@code add(Double)}. */
    default void addDouble(double value) {
        add(value);
    }

    /** Folds another accumulator of the same aggregate into this one (partial results from partitions). */
    void merge(Accumulator other);

    /** The result: a {@link Long}, a {@link Double}, or {@code null} when undefined (avg of nothing). */
    Object result();

    /** Roughly the heap this state takes, for a cache that keeps accumulators to bound itself by bytes. */
    default long estimatedBytes() {
        return 32;
    }
}
