package dev.logline.query.stats;

import dev.logline.query.exec.QueryBudget;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code count_uniq(field)}: how many distinct values the field takes (a list counts each element). Exact up to
 * {@link #EXACT_LIMIT} distinct values per group; past that a HyperLogLog sketch of Apache DataSketches
 * ({@code lgK} {@value #LG_K}, about 0.8 % error) takes over so memory stays bounded. Values of different types are
 * different ({@code 5} and {@code "5"}); a whole-number double equals the long ({@code 5.0} and {@code 5}).
 */
public record CountUniqAggregate(String field, String alias) implements Aggregate {

    /** Distinct values counted exactly per group. */
    public static final int EXACT_LIMIT = 100_000;
    /** log2 of the sketch's register count. */
    static final int LG_K = 14;

    @Override
    public String columnName() {
        return alias != null ? alias : AggregateText.call("count_uniq", field);
    }

    @Override
    public String print() {
        return AggregateText.print("count_uniq", field, alias);
    }

    @Override
    public Accumulator newAccumulator() {
        return new Distinct(EXACT_LIMIT, null);
    }

    @Override
    public Accumulator newAccumulator(QueryBudget budget) {
        return new Distinct(EXACT_LIMIT, budget);
    }

    /** Exact set, then sketch; package-private so tests can use a small limit. */
    static final class Distinct implements Accumulator {
        private final int exactLimit;
        private Set<String> exact = new HashSet<>();
        private HllSketch sketch;

        /** What the sketch holds ({@code lgK} 14, 4-bit registers) with its bookkeeping, for the budget. */
        private static final int SKETCH_BYTES = 16 * 1024;

        private final QueryBudget budget;
        private long charged;

        Distinct(int exactLimit) {
            this(exactLimit, null);
        }

        /** @param budget charged for each distinct value kept and for the sketch, or {@code null} */
        Distinct(int exactLimit, QueryBudget budget) {
            this.exactLimit = exactLimit;
            this.budget = budget;
        }

        @Override
        public long estimatedBytes() {
            // HLL 8 at lgK 14: 2^14 bytes; an exact set: an entry and a short string per key.
            return sketch != null ? (1 << 14) + 64 : 64 + 80L * exact.size();
        }

        @Override
        public void add(Object value) {
            if (value instanceof List) {
                for (Object element : (List<?>) value) {
                    add(element);
                }
                return;
            }
            if (value != null) {
                addKey(key(value));
            }
        }

        private void addKey(String key) {
            if (sketch != null) {
                sketch.update(key);
                return;
            }
            if (exact.add(key) && budget != null) {
                long bytes = QueryBudget.textBytes(key) + 32; // the set's entry
                charged += bytes;
                budget.charge(bytes, "distinct values (count_uniq)");
            }
            if (exact.size() > exactLimit) {
                toSketch();
            }
        }

        private void toSketch() {
            sketch = new HllSketch(LG_K);
            for (String k : exact) {
                sketch.update(k);
            }
            exact = null;
            if (budget != null) {
                budget.release(charged);
                charged = SKETCH_BYTES;
                budget.charge(SKETCH_BYTES, "count_uniq sketches");
            }
        }

        private static String key(Object value) {
            if (value instanceof Double) {
                double d = (Double) value;
                if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                    return "n" + (long) d;
                }
                return "d" + d;
            }
            if (value instanceof Number) {
                return "n" + ((Number) value).longValue();
            }
            if (value instanceof String) {
                return "s" + value;
            }
            return "o" + value;
        }

        @Override
        public void merge(Accumulator other) {
            Distinct o = (Distinct) other;
            if (o.sketch == null) {
                for (String k : o.exact) {
                    addKey(k);
                }
                return;
            }
            if (sketch == null) {
                toSketch();
            }
            Union union = new Union(LG_K);
            union.update(sketch);
            union.update(o.sketch);
            sketch = union.getResult();
        }

        @Override
        public Object result() {
            return sketch == null ? (long) exact.size() : Math.round(sketch.getEstimate());
        }
    }
}
