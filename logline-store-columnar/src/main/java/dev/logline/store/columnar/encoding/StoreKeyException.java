package dev.logline.store.columnar.encoding;

/**
 * Stored data is encrypted with a key the store was not given. Nothing is wrong with the data: the store refuses to
 * open (rather than treating the files as damaged) until the key is added to its keys.
 */
public final class StoreKeyException extends IllegalStateException {

    private final String keyId;

    public StoreKeyException(String message, String keyId) {
        super(message);
        this.keyId = keyId;
    }

    /** The id of the missing key. */
    public String keyId() {
        return keyId;
    }
}
