package dev.logline.server.tls;

/** The TLS certificate or key files cannot be used; the message names the file and what to do. */
public final class TlsFilesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TlsFilesException(String message) {
        super(message);
    }

    public TlsFilesException(String message, Throwable cause) {
        super(message, cause);
    }
}
