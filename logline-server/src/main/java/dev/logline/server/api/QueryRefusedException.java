package dev.logline.server.api;

/**
 * A query was not started because its caller, or the server, already runs as many as allowed
 * ({@link QueryAdmission}); answered 429 for the caller's share, 503 for the server's, with Retry-After.
 */
final class QueryRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean callerShare;

    QueryRefusedException(boolean callerShare, String message) {
        super(message, null, false, false);
        this.callerShare = callerShare;
    }

    /** Whether the caller's own share was full (429), rather than the server's (503). */
    boolean callerShare() {
        return callerShare;
    }
}
