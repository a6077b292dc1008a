package dev.logline.core.crypto;

/**
 * Sealed bytes could not be opened: their key id is not among the loaded keys, or they were changed (the
 * authentication tag does not match), or they are not sealed bytes at all. The message says which.
 */
public final class DecryptionException extends Exception {

    private static final long serialVersionUID = 1L;

    public DecryptionException(String message) {
        super(message);
    }

    public DecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
