package dev.logline.core.crypto;

import javax.crypto.SecretKey;
import java.util.Objects;

/**
 * One AES-256 key and the id that names it inside everything it sealed, so a reader finds the right key after
 * rotation.
 *
 * @param id  1-16 letters, digits, {@code _ . -}
 * @param key the AES key (32 bytes)
 */
public record EncryptionKey(String id, SecretKey key) {

    public EncryptionKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return "EncryptionKey[" + id + "]"; // never the key
    }
}
