package dev.logline.query.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * {@code p50/p90/p95/p99(field)}: the nearest-rank percentile of the field's numeric values, as a {@link Double}.
 *
 * <p>Exact while a group holds at most {@link #SAMPLE_SIZE} values. Past that, a uniform reservoir sample of
 * {@code SAMPLE_SIZE} values (Vitter's algorithm R, fixed seed so results repeat) stands for the group, which keeps
 * memory bounded; the rank error is then about {@code 1/sqrt(SAMPLE_SIZE)} (0.3%).
 *
 * @param percentile one of {@link #SUPPORTED}
 */
public record PercentileAggregate(String field, int percentile, String alias) implements Aggregate {

    /** The percentiles LQL names as functions. */
    public static final int[] SUPPORTED = {50, 90, 95, 99};

    /** Values kept per group before sampling starts. */
    public static final int SAMPLE_SIZE = 100_000;

    public PercentileAggregate {
        if (percentile < 1 || percentile > 99) {
            throw new IllegalArgumentException("percentile must be within 1..99, was " + percentile);
        }
    }

    /** The function name, e.g. {@code p95}. */
    public String function() {
        return "p" + percentile;
    }

    @Override
    public String columnName() {
        return alias != null ? alias : AggregateText.call(function(), field);
    }

    @Override
    public String print() {
        return AggregateText.print(function(), field, alias);
    }

    @Override
    public Accumulator newAccumulator() {
        return new Reservoir(percentile, SAMPLE_SIZE);
    }

    /** A bounded uniform sample of the values seen; package-private so tests can use a small capacity. */
    static final class Reservoir implements Accumulator {
        private final int percentile;
        private final int capacity;
        private final SplittableRandom random = new SplittableRandom(0x5EED);
        private double[] values = new double[16];
        private int size;
        private long seen;

        Reservoir(int percentile, int capacity) {
            this.percentile = percentile;
            this.capacity = capacity;
        }

        @Override
        public void add(Object value) {
            Number n = NumericValue.of(value);
            if (n != null) {
                offer(n.doubleValue());
            }
        }

        private void offer(double v) {
            seen++;
            if (size < capacity) {
                if (size == values.length) {
                    values = Arrays.copyOf(values, Math.min(capacity, size * 2));
                }
                values[size++] = v;
            } else {
                long slot = random.nextLong(seen);
                if (slot < capacity) {
                    values[(int) slot] = v;
                }
            }
        }

        @Override
        public void merge(Accumulator other) {
            Reservoir o = (Reservoir) other;
            if (seen + o.seen <= capacity) {
                for (int i = 0; i < o.size; i++) {
                    offer(o.values[i]);
                }
                return;
            }
            // Both sides are (or together become) samples: draw the merged sample from each side in proportion to
            // how many values it stands for, so the result is still a uniform sample of the union.
            double[] mine = Arrays.copyOf(values, size);
            double[] theirs = Arrays.copyOf(o.values, o.size);
            long mineWeight = seen;
            long theirWeight = o.seen;
            int target = Math.min(capacity, size + o.size);
            double[] merged = new double[target];
            int mineLeft = mine.length;
            int theirsLeft = theirs.length;
            for (int i = 0; i < target; i++) {
                boolean pickMine = theirsLeft == 0
                        || (mineLeft > 0 && random.nextLong(mineWeight + theirWeight) < mineWeight);
                if (pickMine) {
                    int j = random.nextInt(mineLeft);
                    merged[i] = mine[j];
                    mine[j] = mine[--mineLeft];
                } else {
                    int j = random.nextInt(theirsLeft);
                    merged[i] = theirs[j];
                    theirs[j] = theirs[--theirsLeft];
                }
            }
            values = merged.length == 0 ? new double[16] : merged;
            size = target;
            seen += o.seen;
        }

        @Override
        public Object result() {
            if (size == 0) {
                return null;
            }
            double[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(percentile / 100.0 * size);
            return sorted[Math.max(0, Math.min(size, rank) - 1)];
        }
    }
}
