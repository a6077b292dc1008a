package dev.logline.server.ingest;

/** A request the server cannot read at all (not one bad item, but the whole body); answered with 400. */
public class BadRequestException extends IllegalArgumentException {

    public BadRequestException(String message) {
        super(message);
    }

    public BadRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
