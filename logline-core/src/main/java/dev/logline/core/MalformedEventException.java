package dev.logline.core;

/** An event that cannot be read, with the field at fault when one is known. */
public class MalformedEventException extends IllegalArgumentException {

    private final String field;

    public MalformedEventException(String field, String message) {
        super(field == null ? message : "field '" + field + "': " + message);
        this.field = field;
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
        this.field = null;
    }

    /** The field at fault, or {@code null}. */
    public String field() {
        return field;
    }
}
