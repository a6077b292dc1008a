package dev.logline.query.exec;

/** A query would hold more groups or rows in memory than allowed; the message tells the user how to narrow it. */
public final class QueryLimitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public QueryLimitException(String message) {
        super(message);
    }
}
