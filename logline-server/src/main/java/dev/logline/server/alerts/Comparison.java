package dev.logline.server.alerts;

/** The comparison of an alert condition: {@code >}, {@code >=}, {@code <}, {@code <=}, {@code ==}, {@code !=}. */
public enum Comparison {
    GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether {@code value} compared with {@code threshold} holds. */
    public boolean holds(double value, double threshold) {
        return switch (this) {
            case GT -> value > threshold;
            case GE -> value >= threshold;
            case LT -> value < threshold;
            case LE -> value <= threshold;
            case EQ -> value == threshold;
            case NE -> value != threshold;
        };
    }

    /** The comparison written {@code symbol} ({@code =} reads as {@code ==}), or {@code null}. */
    static Comparison of(String symbol) {
        if (symbol.equals("=")) {
            return EQ;
        }
        for (Comparison c : values()) {
            if (c.symbol.equals(symbol)) {
                return c;
            }
        }
        return null;
    }
}
