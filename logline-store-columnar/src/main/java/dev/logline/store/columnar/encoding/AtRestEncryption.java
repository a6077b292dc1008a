package dev.logline.store.columnar.encoding;

import dev.logline.core.crypto.DecryptionException;
import dev.logline.core.crypto.EncryptionKeys;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encryption of what the store writes to disk: WAL frame bodies, column chunks, bloom filter sections and part
 * indexes are sealed with AES-256-GCM ({@link EncryptionKeys}) after compression, so file contents show no message,
 * value or token. {@link #NONE} writes plain bytes.
 *
 * <p>Sealed bytes start with {@code 'L' 'E' 0x01} and name their key, so a store can hold plain and sealed files side
 * by side (encryption switched on later) and files sealed under several keys (rotation): each opens with the key it
 * names. Each kind of data has its own associated data ({@link Purpose}), so bytes sealed as one kind never open as
 * another.
 *
 * <p>Two failures are kept apart. A key the store does not hold is a configuration problem: {@link StoreKeyException},
 * raised to the operator, and the file is left alone. Bytes that do not authenticate were changed on disk:
 * {@link CorruptDataException}, handled like any other damage (the part is quarantined).
 *
 * @lucene.internal
 */
public final class AtRestEncryption {

    /** What sealed bytes are; bound into each seal as associated data. */
    public enum Purpose {
        WAL("logline.store.wal"),
        CHUNK("logline.store.chunk"),
        BLOOMS("logline.store.blooms"),
        INDEX("logline.store.index");

        private final byte[] aad;

        Purpose(String aad) {
            this.aad = aad.getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Writes plain bytes; meeting sealed bytes raises {@link StoreKeyException}. */
    public static final AtRestEncryption NONE = new AtRestEncryption(null);

    private final EncryptionKeys keys;

    private AtRestEncryption(EncryptionKeys keys) {
        this.keys = keys;
    }

    /** Sealing with the active key of {@code keys}; {@link #NONE} when null. */
    public static AtRestEncryption of(EncryptionKeys keys) {
        return keys == null ? NONE : new AtRestEncryption(keys);
    }

    /** Whether new data is sealed. */
    public boolean enabled() {
        return keys != null;
    }

    /** Whether {@code data[off, off+len)} is sealed bytes rather than plain stored data. */
    public static boolean isSealed(byte[] data, int off, int len) {
        return EncryptionKeys.looksSealed(data, off, len);
    }

    /** {@code plain} sealed with the active key when enabled, else {@code plain} itself. */
    public byte[] seal(byte[] plain, Purpose purpose) {
        return keys == null ? plain : keys.seal(plain, purpose.aad);
    }

    /**
     * The plain bytes of {@code data[off, off+len)}: opened when sealed, copied when plain.
     *
     * @param what names the data in messages ("index of part …")
     * @throws StoreKeyException   when the bytes are sealed with a key the store does not hold
     * @throws CorruptDataException when sealed bytes do not authenticate
     */
    public byte[] open(byte[] data, int off, int len, Purpose purpose, String what) {
        if (!isSealed(data, off, len)) {
            return off == 0 && len == data.length ? data : Arrays.copyOfRange(data, off, off + len);
        }
        String keyId = EncryptionKeys.keyIdOf(data, off, len);
        if (keyId == null) {
            throw new CorruptDataException(what + ": sealed data too short to name its key");
        }
        if (keys == null) {
            throw new StoreKeyException(what + " is encrypted (key '" + keyId + "') but the store was given no "
                    + "encryption keys", keyId);
        }
        if (!keys.has(keyId)) {
            throw new StoreKeyException(what + " is encrypted with key '" + keyId + "', which is not among the "
                    + "store's keys " + keys.ids() + "; add it after the active key", keyId);
        }
        try {
            byte[] sealed = off == 0 && len == data.length ? data : Arrays.copyOfRange(data, off, off + len);
            return keys.open(sealed, purpose.aad);
        } catch (DecryptionException e) {
            throw new CorruptDataException(what + ": " + e.getMessage(), e);
        }
    }

    /**
     * The bytes to write for stored data copied from another file as it is: unchanged when already in the form this
     * store writes (plain when disabled, sealed with the active key when enabled), else opened and sealed again, so a
     * merge moves data to the active key and encrypts files written before encryption was switched on.
     */
    public byte[] reseal(byte[] data, int off, int len, Purpose purpose, String what) {
        boolean sealed = isSealed(data, off, len);
        boolean current = keys == null ? !sealed
                : sealed && keys.active().id().equals(EncryptionKeys.keyIdOf(data, off, len));
        if (current) {
            return Arrays.copyOfRange(data, off, off + len);
        }
        return seal(open(data, off, len, purpose, what), purpose);
    }

    /** Whether data sealed with key {@code keyId} opens ("" names plain data, which always does). */
    public boolean canOpen(String keyId) {
        return keyId.isEmpty() || keys != null && keys.has(keyId);
    }

    /** "off", or the active key and how many keys open old data, for the startup log. */
    public String describe() {
        return keys == null ? "off" : "AES-256-GCM, active key " + keys.active().id() + ", keys " + keys.ids();
    }
}
