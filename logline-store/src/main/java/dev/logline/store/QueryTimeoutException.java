package dev.logline.store;

/** A read ran past its time budget and was stopped (an API answers 503); the message says how to narrow it. */
public class QueryTimeoutException extends RuntimeException {

    public QueryTimeoutException(String message) {
        super(message);
    }
}
