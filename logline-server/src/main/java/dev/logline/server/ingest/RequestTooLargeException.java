package dev.logline.server.ingest;

/** A request body over the configured size, before or after decompression; answered with 413. */
public class RequestTooLargeException extends IllegalArgumentException {

    public RequestTooLargeException(long limitBytes) {
        super("request body is over the limit of " + limitBytes + " bytes (after decompression);"
                + " send smaller batches or raise maxRequestBytes");
    }
}
