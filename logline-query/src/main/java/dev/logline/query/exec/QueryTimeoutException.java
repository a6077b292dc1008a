package dev.logline.query.exec;

/**
 * A query ran past its time limit and was stopped; the message says how to narrow it. An API answers 503: the same
 * query may finish on a less busy server, but the caller should make it cheaper.
 */
public class QueryTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public QueryTimeoutException(String message) {
        super(message);
    }
}
