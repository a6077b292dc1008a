package dev.logline.cli.client;

/**
 * The server answered a request with an error status; carries its message and, for a bad query, the 1-based
 * column the parser pointed at.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final Integer column;

    public ApiException(int status, String message, Integer column) {
        super(message);
        this.status = status;
        this.column = column;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The 1-based column of a query error, or {@code null} when the error is not about a position. */
    public Integer column() {
        return column;
    }

    /** Whether the server blamed the request (4xx) rather than itself. */
    public boolean isClientError() {
        return status >= 400 && status < 500;
    }
}
