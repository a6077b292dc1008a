package dev.logline.query.stats;

/** {@code max(field)}: the largest numeric value, keeping its type ({@link Long} or {@link Double}); {@code null} when none. */
public record MaxAggregate(String field, String alias) implements Aggregate {

    @Override
    public String columnName() {
        return alias != null ? alias : AggregateText.call("max", field);
    }

    @Override
    public String print() {
        return AggregateText.print("max", field, alias);
    }

    @Override
    public Accumulator newAccumulator() {
        return new Extreme(1);
    }
}
