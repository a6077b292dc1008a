package dev.logline.server.alerts;

/**
 * An alert rule, silence or alerts file that cannot be used, naming the field at fault and, for LQL, the column in
 * that field's text; the API answers it as a 400.
 */
public final class InvalidRuleException extends IllegalArgumentException {

    private final String field;
    private final Integer column;

    public InvalidRuleException(String field, String message) {
        this(field, message, null);
    }

    public InvalidRuleException(String field, String message, Integer column) {
        super(field + ": " + message);
        this.field = field;
        this.column = column;
    }

    /** The field of the rule at fault, e.g. {@code condition}. */
    public String field() {
        return field;
    }

    /** The 1-based column in the field's text, or {@code null} when the fault is not at one place. */
    public Integer column() {
        return column;
    }
}
