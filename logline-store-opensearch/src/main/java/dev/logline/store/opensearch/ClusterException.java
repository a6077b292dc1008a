package dev.logline.store.opensearch;

/**
 * The cluster answered a request with an error status, or could not be reached ({@link #status()} 0); the message
 * names the request and OpenSearch's reason.
 */
public final class ClusterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    ClusterException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status OpenSearch answered, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** Whether trying again later may succeed: unreachable, overloaded (429) or a server-side failure (5xx). */
    public boolean retriable() {
        return status == 0 || status == 429 || status >= 500;
    }
}
