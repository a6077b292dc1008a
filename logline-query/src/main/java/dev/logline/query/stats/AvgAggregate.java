package dev.logline.query.stats;

/** {@code avg(field)}: the mean of the field's numeric values as a {@link Double}; {@code null} when there are none. */
public record AvgAggregate(String field, String alias) implements Aggregate {

    @Override
    public String columnName() {
        return alias != null ? alias : AggregateText.call("avg", field);
    }

    @Override
    public String print() {
        return AggregateText.print("avg", field, alias);
    }

    @Override
    public Accumulator newAccumulator() {
        return new Mean();
    }

    private static final class Mean implements Accumulator {
        private double sum;
        private long count;

        @Override
        public void add(Object value) {
            Number n = NumericValue.of(value);
            if (n != null) {
                sum += n.doubleValue();
                count++;
            }
        }

        @Override
        public void merge(Accumulator other) {
            Mean o = (Mean) other;
            sum += o.sum;
            count += o.count;
        }

        @Override
        public Object result() {
            return count == 0 ? null : sum / count;
        }
    }
}
