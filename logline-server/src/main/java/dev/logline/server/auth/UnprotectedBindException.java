package dev.logline.server.auth;

/**
 * The server would listen beyond loopback with no API key to check: it refuses to start rather than expose every
 * tenant's logs. The message says how to create a key or opt out with {@code --no-auth}.
 */
public final class UnprotectedBindException extends IllegalStateException {

    public UnprotectedBindException(String message) {
        super(message);
    }
}
