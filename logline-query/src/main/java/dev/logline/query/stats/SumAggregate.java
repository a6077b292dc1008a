package dev.logline.query.stats;

/**
 * {@code sum(field)}: the total of the field's numeric values; a {@link Long} while every value is a whole number
 * (and the total fits), else a {@link Double}; {@code null} when the group has no numeric value.
 */
public record SumAggregate(String field, String alias) implements Aggregate {

    @Override
    public String columnName() {
        return alias != null ? alias : AggregateText.call("sum", field);
    }

    @Override
    public String print() {
        return AggregateText.print("sum", field, alias);
    }

    @Override
    public Accumulator newAccumulator() {
        return new Sum();
    }

    private static final class Sum implements Accumulator {
        private long longSum;
        private double doubleSum;
        private boolean integral = true;
        private boolean any;

        @Override
        public void add(Object value) {
            Number n = NumericValue.of(value);
            if (n == null) {
                return;
            }
            any = true;
            if (integral && n instanceof Long) {
                try {
                    longSum = Math.addExact(longSum, n.longValue());
                    return;
                } catch (ArithmeticException overflow) {
                    integral = false;
                    doubleSum = (double) longSum + n.doubleValue();
                    return;
                }
            }
            if (integral) {
                integral = false;
                doubleSum = longSum;
            }
            doubleSum += n.doubleValue();
        }

        @Override
        public void merge(Accumulator other) {
            Sum o = (Sum) other;
            if (!o.any) {
                return;
            }
            if (o.integral) {
                add(o.longSum);
            } else {
                add(o.doubleSum);
            }
        }

        @Override
        public Object result() {
            if (!any) {
                return null;
            }
            return integral ? (Object) longSum : (Object) doubleSum;
        }
    }
}
