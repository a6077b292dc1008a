package dev.logline.query.match;

/**
 * A string view that stops a regular-expression match after a fixed number of character reads, so a pattern with
 * catastrophic backtracking costs a bounded amount of work per value instead of hanging a tail or a query.
 * A match that runs out of budget counts as no match.
 */
final class BoundedCharSequence implements CharSequence {

    /** Character reads allowed per value, far above what any sane pattern needs on a log field. */
    static final long BUDGET_PER_VALUE = 1_000_000L;

    private final String text;
    private final int offset;
    private final int length;
    private final long[] reads;

    BoundedCharSequence(String text) {
        this(text, 0, text.length(), new long[1]);
    }

    private BoundedCharSequence(String text, int offset, int length, long[] reads) {
        this.text = text;
        this.offset = offset;
        this.length = length;
        this.reads = reads;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (++reads[0] > BUDGET_PER_VALUE) {
            throw new RegexBudgetExceeded();
        }
        return text.charAt(offset + index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedCharSequence(text, offset + start, end - start, reads);
    }

    @Override
    public String toString() {
        return text.substring(offset, offset + length);
    }

    /** Thrown inside the regex engine when the budget is spent; caught by the matcher. */
    static final class RegexBudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RegexBudgetExceeded() {
            super(null, null, false, false);
        }
    }
}
