package dev.logline.query.stats;

/** {@code min(field)}: the smallest numeric value, keeping its type ({@link Long} or {@link Double}); {@code null} when none. */
public record MinAggregate(String field, String alias) implements Aggregate {

    @Override
    public String columnName() {
        return alias != null ? alias : AggregateText.call("min", field);
    }

    @Override
    public String print() {
        return AggregateText.print("min", field, alias);
    }

    @Override
    public Accumulator newAccumulator() {
        return new Extreme(-1);
    }
}
