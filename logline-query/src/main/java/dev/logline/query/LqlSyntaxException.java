package dev.logline.query;

/** An LQL text that does not parse: where (1-based column) and what to do about it (the hint). */
public final class LqlSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int column;
    private final String hint;

    public LqlSyntaxException(int column, String hint) {
        super("LQL syntax error at column " + column + ": " + hint);
        this.column = column;
        this.hint = hint;
    }

    /** The 1-based column of the problem in the query text. */
    public int column() {
        return column;
    }

    /** What was wrong and what to write instead, e.g. {@code expected a value after 'service:'}. */
    public String hint() {
        return hint;
    }
}
