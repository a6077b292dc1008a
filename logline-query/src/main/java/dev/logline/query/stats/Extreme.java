package dev.logline.query.stats;

/** The running minimum ({@code direction -1}) or maximum ({@code direction 1}) of numeric values. */
final class Extreme implements Accumulator {

    private final int direction;
    private Number best;

    Extreme(int direction) {
        this.direction = direction;
    }

    @Override
    public void add(Object value) {
        Number n = NumericValue.of(value);
        if (n != null && (best == null || Integer.signum(compare(n, best)) == direction)) {
            best = n;
        }
    }

    private static int compare(Number a, Number b) {
        if (a instanceof Long && b instanceof Long) {
            return Long.compare(a.longValue(), b.longValue());
        }
        return Double.compare(a.doubleValue(), b.doubleValue());
    }

    @Override
    public void merge(Accumulator other) {
        add(((Extreme) other).best);
    }

    @Override
    public Object result() {
        return best;
    }
}
