package dev.logline.query.stats;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code count_uniq(field)}: how many distinct values the field takes (a list counts each element). Exact up to
 * {@link #EXACT_LIMIT} distinct values per group; past that a HyperLogLog sketch (about 0.8% error) takes over so
 * memory stays bounded. Values of different types are different ({@code 5} and {@code "5"}); a whole-number
 * double equals the long ({@code 5.0} and {@code 5}).
 */
public record CountUniqAggregate(String field, String alias) implements Aggregate {

    /** Distinct values counted exactly per group. */
    public static final int EXACT_LIMIT = 100_000;

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
        return new Distinct(EXACT_LIMIT);
    }

    /** Exact set, then sketch; package-private so tests can use a small limit. */
    static final class Distinct implements Accumulator {
        private final int exactLimit;
        private Set<String> exact = new HashSet<>();
        private HyperLogLog sketch;

        Distinct(int exactLimit) {
            this.exactLimit = exactLimit;
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
                sketch.addHash(HyperLogLog.hash(key));
                return;
            }
            exact.add(key);
            if (exact.size() > exactLimit) {
                sketch = new HyperLogLog();
                for (String k : exact) {
                    sketch.addHash(HyperLogLog.hash(k));
                }
                exact = null;
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
                sketch = new HyperLogLog();
                for (String k : exact) {
                    sketch.addHash(HyperLogLog.hash(k));
                }
                exact = null;
            }
            sketch.merge(o.sketch);
        }

        @Override
        public Object result() {
            return sketch == null ? (long) exact.size() : sketch.estimate();
        }
    }
}
