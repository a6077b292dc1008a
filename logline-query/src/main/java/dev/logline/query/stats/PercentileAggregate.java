package dev.logline.query.stats;

import dev.logline.query.exec.QueryBudget;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;

import java.util.Arrays;

/**
 * {@code p50/p90/p95/p99(field)}: the nearest-rank percentile of the field's numeric values, as a {@link Double}.
 *
 * <p>Exact while a group holds at most {@link #EXACT_LIMIT} values. Past that a DDSketch (Datadog's sketches-java)
 * stands for the group: memory stays bounded, the answer is within {@link #RELATIVE_ACCURACY} of a value at the
 * percentile, and merging partial sketches in any order gives the same answer (it holds counts per value bucket).
 *
 * @param percentile one of {@link #SUPPORTED}
 */
public record PercentileAggregate(String field, int percentile, String alias) implements Aggregate {

    /** The percentiles LQL names as functions. */
    public static final int[] SUPPORTED = {50, 90, 95, 99};

    /** Values kept per group before the sketch takes over. */
    public static final int EXACT_LIMIT = 10_000;

    /** The sketch's relative accuracy: its answer is within 0.5 % of a true value at the percentile. */
    public static final double RELATIVE_ACCURACY = 0.005;

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
        return new Quantiles(percentile, EXACT_LIMIT, null);
    }

    @Override
    public Accumulator newAccumulator(QueryBudget budget) {
        return new Quantiles(percentile, EXACT_LIMIT, budget);
    }

    /** Exact values, then a sketch; package-private so tests can use a small limit. */
    static final class Quantiles implements Accumulator {
        /** What a sketch holds, roughly, for the budget: its bins over the range of latencies seen in practice. */
        private static final int SKETCH_BYTES = 8 * 1024;

        private final int percentile;
        private final int exactLimit;
        private double[] values = new double[16];
        private int size;
        private DDSketch sketch;
        private final QueryBudget budget;

        Quantiles(int percentile, int exactLimit) {
            this(percentile, exactLimit, null);
        }

        /** @param budget charged for the samples kept (8 bytes each) and the sketch, or {@code null} */
        Quantiles(int percentile, int exactLimit, QueryBudget budget) {
            this.percentile = percentile;
            this.exactLimit = exactLimit;
            this.budget = budget;
        }

        @Override
        public long estimatedBytes() {
            // A DDSketch of 0.5 % accuracy holds a few hundred bins over the ranges latencies span.
            return sketch != null ? 4096 : 48 + 8L * values.length;
        }

        @Override
        public void add(Object value) {
            Number n = NumericValue.of(value);
            if (n != null) {
                addDouble(n.doubleValue());
            }
        }

        @Override
        public void addLong(long value) {
            addDouble(value);
        }

        @Override
        public void addDouble(double v) {
            if (Double.isNaN(v)) {
                return;
            }
            if (sketch != null) {
                sketch.accept(v);
                return;
            }
            if (size == values.length) {
                int grown = Math.min(exactLimit + 1, size * 2);
                if (budget != null) {
                    budget.charge(8L * (grown - values.length), "percentile samples");
                }
                values = Arrays.copyOf(values, grown);
            }
            values[size++] = v;
            if (size > exactLimit) {
                toSketch();
            }
        }

        private void toSketch() {
            sketch = DDSketches.unboundedDense(RELATIVE_ACCURACY);
            for (int i = 0; i < size; i++) {
                sketch.accept(values[i]);
            }
            if (budget != null) {
                budget.release(8L * values.length);
                budget.charge(SKETCH_BYTES, "percentile sketches");
            }
            values = null;
            size = 0;
        }

        @Override
        public void merge(Accumulator other) {
            Quantiles o = (Quantiles) other;
            if (o.sketch == null) {
                for (int i = 0; i < o.size; i++) {
                    addDouble(o.values[i]);
                }
                return;
            }
            if (sketch == null) {
                toSketch();
            }
            sketch.mergeWith(o.sketch);
        }

        @Override
        public Object result() {
            if (sketch != null) {
                return sketch.isEmpty() ? null : sketch.getValueAtQuantile(percentile / 100.0);
            }
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
