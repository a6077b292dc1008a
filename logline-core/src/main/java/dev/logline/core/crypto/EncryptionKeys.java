package dev.logline.core.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The keys that encrypt data at rest (the appender's spool; the store's WAL and parts can use the same), and the
 * AES-256-GCM seal and open operations on byte arrays.
 *
 * <p><b>Key text.</b> Entries {@code <id>:<base64 of 32 random bytes>}, separated by line breaks, commas or spaces;
 * {@code #} starts a comment. The first entry is the <em>active</em> key, which seals everything new; every entry
 * opens what it sealed. Load it from a file or an environment variable ({@link #load}, via {@link SecretSource}).
 * Make an entry with {@code echo "k2:$(openssl rand -base64 32)"} or {@link #newEntry}.
 *
 * <p><b>Rotation.</b> Put the new key first and keep the old ones after it: new data is sealed with the new key,
 * old data still opens. Once nothing sealed with an old key is left (the spool drained, the store's files rewritten
 * or past retention), remove the old entry. A reader meeting an id it does not have fails with
 * {@link DecryptionException} naming that id.
 *
 * <p><b>Sealed bytes.</b> {@code 'L' 'E' 0x01 | id length (1 byte) | id (ASCII) | nonce (12 random bytes) |
 * ciphertext and 16-byte GCM tag}. The caller's associated data (a purpose such as {@code logline.spool}) is
 * authenticated but not stored: bytes sealed for one purpose do not open for another. Random 96-bit nonces are safe
 * for up to 2^32 seals per key; rotate well before. Thread-safe.
 */
public final class EncryptionKeys {

    /** Bytes before the key id in sealed bytes. */
    private static final byte[] MAGIC = {'L', 'E', 1};
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,16}");
    private static final SecureRandom RANDOM = new SecureRandom();
    /*
     * Per thread: a cipher (Cipher.getInstance looks the provider up every time) and a DRBG for nonces (the shared
     * NativePRNG reads /dev/urandom under a lock on every call). A store seals a chunk per column per block, so both
     * showed up as most of encryption's cost. Nonces stay random: 96 bits from a DRBG seeded by the system source.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime: " + e, e);
        }
    });
    private static final ThreadLocal<SecureRandom> NONCES = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (GeneralSecurityException e) {
            return new SecureRandom();
        }
    });

    private final EncryptionKey active;
    private final Map<String, EncryptionKey> byId;

    private EncryptionKeys(List<EncryptionKey> keys) {
        this.active = keys.get(0);
        Map<String, EncryptionKey> m = new LinkedHashMap<>();
        for (EncryptionKey k : keys) {
            m.put(k.id(), k);
        }
        this.byId = Map.copyOf(m);
    }

    /**
     * Keys from a spec: {@code env:NAME}, {@code file:PATH}, or the key text itself.
     *
     * @param setting the setting's name, for messages
     * @throws IllegalArgumentException saying what is missing or malformed, and where
     */
    public static EncryptionKeys load(String spec, String setting, Function<String, String> env) {
        return parse(SecretSource.read(spec, setting, env), setting);
    }

    /**
     * Keys from key text.
     *
     * @param where where the text came from, for messages
     * @throws IllegalArgumentException naming the bad entry and what is wrong
     */
    public static EncryptionKeys parse(String text, String where) {
        List<EncryptionKey> keys = new ArrayList<>();
        StringBuilder entries = new StringBuilder();
        for (String line : text.split("\\R")) {
            int hash = line.indexOf('#');
            entries.append(hash >= 0 ? line.substring(0, hash) : line).append('\n');
        }
        for (String entry : entries.toString().split("[\\s,]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(where + ": key entry '" + redacted(entry) + "' is not <id>:<base64 "
                        + "key>; write e.g. k1:$(openssl rand -base64 32)");
            }
            String id = entry.substring(0, colon);
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException(where + ": key id '" + id + "' must be 1-16 letters, digits, '_', "
                        + "'.' or '-'");
            }
            byte[] raw;
            try {
                String b64 = entry.substring(colon + 1);
                raw = b64.indexOf('-') >= 0 || b64.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(b64)
                        : Base64.getDecoder().decode(b64);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": key " + id + " is not valid base64", e);
            }
            if (raw.length != KEY_BYTES) {
                throw new IllegalArgumentException(where + ": key " + id + " has " + raw.length + " bytes; an AES-256 "
                        + "key has 32 (openssl rand -base64 32)");
            }
            for (EncryptionKey k : keys) {
                if (k.id().equals(id)) {
                    throw new IllegalArgumentException(where + ": key id " + id + " is given twice; every key needs "
                            + "its own id");
                }
            }
            keys.add(new EncryptionKey(id, new SecretKeySpec(raw, "AES")));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(where + " holds no key; write <id>:<base64 key>, e.g. k1:$(openssl "
                    + "rand -base64 32)");
        }
        return new EncryptionKeys(keys);
    }

    /** A new key entry {@code <id>:<base64>} of 32 random bytes. */
    public static String newEntry(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("key id '" + id + "' must be 1-16 letters, digits, '_', '.' or '-'");
        }
        byte[] raw = new byte[KEY_BYTES];
        RANDOM.nextBytes(raw);
        return id + ":" + Base64.getEncoder().encodeToString(raw);
    }

    /** The key that seals. */
    public EncryptionKey active() {
        return active;
    }

    /** Every key id, the active one first. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        ids.add(active.id());
        for (String id : byId.keySet()) {
            if (!id.equals(active.id())) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Whether {@code data} starting at {@code offset} begins like sealed bytes (for data that may predate sealing). */
    public static boolean looksSealed(byte[] data, int offset, int length) {
        return length > MAGIC.length && data[offset] == MAGIC[0] && data[offset + 1] == MAGIC[1]
                && data[offset + 2] == MAGIC[2];
    }

    /**
     * The id of the key that sealed {@code data[offset, offset+length)}, or null when the bytes are not sealed or too
     * short to name one: a reader can tell a key it lacks from data that was changed.
     */
    public static String keyIdOf(byte[] data, int offset, int length) {
        if (!looksSealed(data, offset, length)) {
            return null;
        }
        int idLen = data[offset + MAGIC.length] & 0xff;
        if (idLen == 0 || length < MAGIC.length + 1 + idLen) {
            return null;
        }
        return new String(data, offset + MAGIC.length + 1, idLen, StandardCharsets.US_ASCII);
    }

    /** Whether a key of this id is loaded. */
    public boolean has(String id) {
        return byId.containsKey(id);
    }

    /** Seals {@code plaintext} with the active key; {@code aad} is authenticated, not stored. */
    public byte[] seal(byte[] plaintext, byte[] aad) {
        byte[] id = active.id().getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = new byte[NONCE_BYTES];
        NONCES.get().nextBytes(nonce);
        try {
            Cipher c = CIPHERS.get();
            c.init(Cipher.ENCRYPT_MODE, active.key(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] header = header(id, nonce);
            c.updateAAD(header);
            if (aad != null) {
                c.updateAAD(aad);
            }
            ByteBuffer out = ByteBuffer.allocate(header.length + c.getOutputSize(plaintext.length));
            out.put(header);
            c.doFinal(ByteBuffer.wrap(plaintext), out);
            return out.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime: " + e, e);
        }
    }

    /**
     * Opens sealed bytes with the key their id names.
     *
     * @throws DecryptionException when they are not sealed bytes, name a key not loaded, or were changed
     */
    public byte[] open(byte[] sealed, byte[] aad) throws DecryptionException {
        if (!looksSealed(sealed, 0, sealed.length) || sealed.length < MAGIC.length + 1) {
            throw new DecryptionException("not sealed data (no Logline encryption header)");
        }
        int idLen = sealed[MAGIC.length] & 0xff;
        int headerLen = MAGIC.length + 1 + idLen + NONCE_BYTES;
        if (idLen == 0 || sealed.length < headerLen + TAG_BITS / 8) {
            throw new DecryptionException("sealed data is truncated (" + sealed.length + " bytes)");
        }
        String id = new String(sealed, MAGIC.length + 1, idLen, StandardCharsets.US_ASCII);
        EncryptionKey key = byId.get(id);
        if (key == null) {
            throw new DecryptionException("sealed with key '" + id + "', which is not among the loaded keys "
                    + byId.keySet() + "; add it back after the active key to read this data");
        }
        try {
            Cipher c = CIPHERS.get();
            c.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, sealed, headerLen - NONCE_BYTES,
                    NONCE_BYTES));
            c.updateAAD(sealed, 0, headerLen);
            if (aad != null) {
                c.updateAAD(aad);
            }
            return c.doFinal(sealed, headerLen, sealed.length - headerLen);
        } catch (AEADBadTagException e) {
            throw new DecryptionException("sealed data does not authenticate under key '" + id + "': it was changed, "
                    + "or sealed for another purpose", e);
        } catch (GeneralSecurityException e) {
            throw new DecryptionException("cannot open sealed data with key '" + id + "': " + e, e);
        }
    }

    private static byte[] header(byte[] id, byte[] nonce) {
        byte[] h = new byte[MAGIC.length + 1 + id.length + nonce.length];
        System.arraycopy(MAGIC, 0, h, 0, MAGIC.length);
        h[MAGIC.length] = (byte) id.length;
        System.arraycopy(id, 0, h, MAGIC.length + 1, id.length);
        System.arraycopy(nonce, 0, h, MAGIC.length + 1 + id.length, nonce.length);
        return h;
    }

    /** An entry shown in a message without its key. */
    private static String redacted(String entry) {
        return entry.length() <= 4 ? "…" : entry.substring(0, 4) + "…";
    }

    @Override
    public String toString() {
        return "EncryptionKeys" + ids(); // ids only
    }
}
