package dev.logline.query.stats;

/**
 * {@code count()} counts events; {@code count(field)} counts events that have the field. The default column name
 * of {@code count()} is {@code count}, so {@code | sort by count desc} and {@code | where count > 20} read naturally.
 *
 * @param field the field, or {@code null} for {@code count()}
 * @param alias the {@code as} name, or {@code null}
 */
public record CountAggregate(String field, String alias) implements Aggregate {

    @Override
    public String columnName() {
        if (alias != null) {
            return alias;
        }
        return field == null ? "count" : AggregateText.call("count", field);
    }

    @Override
    public String print() {
        return AggregateText.print("count", field, alias);
    }

    @Override
    public Accumulator newAccumulator() {
        return new Counter(field == null);
    }

    private static final class Counter implements Accumulator {
        private final boolean countEvents;
        private long count;

        Counter(boolean countEvents) {
            this.countEvents = countEvents;
        }

        @Override
        public void add(Object value) {
            if (countEvents || value != null) {
                count++;
            }
        }

        @Override
        public void addRepeated(Object value, long times) {
            if (countEvents || value != null) {
                count += times;
            }
        }

        @Override
        public void merge(Accumulator other) {
            count += ((Counter) other).count;
        }

        @Override
        public Object result() {
            return count;
        }
    }
}
