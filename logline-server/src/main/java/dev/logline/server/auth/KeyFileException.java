package dev.logline.server.auth;

/** The key file cannot be read, parsed or written; the message names the file and what to do. */
public final class KeyFileException extends RuntimeException {

    public KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }

    public KeyFileException(String message) {
        super(message);
    }
}
