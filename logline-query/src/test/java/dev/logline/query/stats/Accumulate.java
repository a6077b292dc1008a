package dev.logline.query.stats;

/** Feeds values to a fresh accumulator of an aggregate and returns the result: the tiny helper every aggregate test uses. */
final class Accumulate {

    private Accumulate() {
    }

    static Object over(Aggregate aggregate, Object... values) {
        Accumulator a = aggregate.newAccumulator();
        for (Object v : values) {
            a.add(v);
        }
        return a.result();
    }

    /** Splits the values between two accumulators, merges them, and returns the merged result. */
    static Object merged(Aggregate aggregate, int split, Object... values) {
        Accumulator left = aggregate.newAccumulator();
        Accumulator right = aggregate.newAccumulator();
        for (int i = 0; i < values.length; i++) {
            (i < split ? left : right).add(values[i]);
        }
        left.merge(right);
        return left.result();
    }
}
