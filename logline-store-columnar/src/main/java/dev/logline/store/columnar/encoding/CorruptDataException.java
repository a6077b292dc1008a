package dev.logline.store.columnar.encoding;

/** Stored bytes do not decode: a checksum mismatch, a truncated structure or an impossible value. */
public class CorruptDataException extends RuntimeException {

    public CorruptDataException(String message) {
        super(message);
    }

    public CorruptDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
