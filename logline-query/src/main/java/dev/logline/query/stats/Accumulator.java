package dev.logline.query.stats;

/** The running state of one aggregate over one group; not thread-safe. */
public interface Accumulator {

    /** Adds the field's value of one event ({@code null} when the event lacks the field). */
    void add(Object value);

    /** Folds another accumulator of the same aggregate into this one (partial results from partitions). */
    void merge(Accumulator other);

    /** The result: a {@link Long}, a {@link Double}, or {@code null} when undefined (avg of nothing). */
    Object result();
}
