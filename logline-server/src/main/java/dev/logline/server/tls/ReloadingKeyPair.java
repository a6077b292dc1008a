package dev.logline.server.tls;

import com.linecorp.armeria.common.TlsKeyPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The server's certificate and key as the PEM files hold them now: every call looks at the files' modification times
 * and sizes (cheap) and reloads them when either changed, so a renewed certificate (certbot, cert-manager) is served
 * to new connections within a second. A pair that fails to load (a half-written file, a key that does not match the
 * certificate) leaves the last good pair in place and is logged; it is tried again once the files change again.
 * Thread-safe.
 */
public final class ReloadingKeyPair implements Supplier<TlsKeyPair> {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingKeyPair.class);
    private static final char[] NO_PASSWORD = new char[0];

    /** The files are looked at no more often than this, however many connections arrive. */
    private static final long RECHECK_NANOS = 500_000_000L;

    private final TlsSettings files;
    private volatile Loaded current;
    private volatile long nextCheck = System.nanoTime() + RECHECK_NANOS;

    private record Stamp(long certModified, long certSize, long keyModified, long keySize) {
    }

    private record Loaded(Stamp stamp, TlsKeyPair pair, SSLContext context) {
    }

    private ReloadingKeyPair(TlsSettings files, Loaded first) {
        this.files = files;
        this.current = first;
    }

    /**
     * Loads the files.
     *
     * @throws TlsFilesException saying which file is missing, unreadable or wrong, and what to do
     */
    public static ReloadingKeyPair load(TlsSettings files) {
        return new ReloadingKeyPair(files, read(files, stamp(files)));
    }

    @Override
    public TlsKeyPair get() {
        return refreshed().pair;
    }

    /** A JDK TLS context of the current pair, for listeners that are not Armeria's (syslog over TCP). */
    public SSLContext sslContext() {
        return refreshed().context;
    }

    /** When the served certificate stops being valid. */
    public Instant notAfter() {
        return current.pair.certificateChain().get(0).getNotAfter().toInstant();
    }

    private Loaded refreshed() {
        Loaded now = current;
        long t = System.nanoTime();
        if (t - nextCheck < 0) {
            return now;
        }
        nextCheck = t + RECHECK_NANOS;
        Stamp stamp;
        try {
            stamp = stamp(files);
        } catch (TlsFilesException e) {
            return now; // a file being replaced; try again on the next connection
        }
        if (stamp.equals(now.stamp)) {
            return now;
        }
        synchronized (this) {
            if (current != now) {
                return current;
            }
            try {
                current = read(files, stamp);
                LOG.info("reloaded the TLS certificate from {} (valid until {})", files.certificateChain(),
                        notAfter());
            } catch (TlsFilesException e) {
                // Keep serving the last good pair; remember the stamp so a broken pair is not re-read per connection.
                current = new Loaded(stamp, now.pair, now.context);
                LOG.error("{}; the certificate loaded before stays in use", e.getMessage());
            }
            return current;
        }
    }

    private static Stamp stamp(TlsSettings files) {
        BasicFileAttributes c = attributes(files.certificateChain(), "certificate");
        BasicFileAttributes k = attributes(files.privateKey(), "private key");
        return new Stamp(c.lastModifiedTime().toMillis(), c.size(), k.lastModifiedTime().toMillis(), k.size());
    }

    private static BasicFileAttributes attributes(Path p, String what) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new TlsFilesException("the TLS " + what + " file " + p + " does not exist; give the PEM file of "
                    + "the server's " + what, e);
        } catch (IOException e) {
            throw new TlsFilesException("cannot read the TLS " + what + " file " + p + ": " + e, e);
        }
    }

    private static Loaded read(TlsSettings files, Stamp stamp) {
        List<X509Certificate> certificates = PemFiles.certificates(files.certificateChain());
        java.security.PrivateKey key = PemFiles.privateKey(files.privateKey());
        TlsKeyPair pair = TlsKeyPair.of(key, certificates);
        List<X509Certificate> chain = pair.certificateChain();
        if (chain.isEmpty()) {
            throw new TlsFilesException(files.certificateChain() + " holds no certificate");
        }
        if (!belongTogether(chain.get(0), pair.privateKey())) {
            throw new TlsFilesException("the private key in " + files.privateKey() + " does not belong to the "
                    + "certificate in " + files.certificateChain() + "; give the key the certificate was issued for");
        }
        return new Loaded(stamp, pair, context(pair));
    }

    /** Whether the key signs what the certificate's public key verifies (a pair mixed up at renewal does not). */
    private static boolean belongTogether(X509Certificate cert, java.security.PrivateKey key) {
        String algorithm;
        switch (cert.getPublicKey().getAlgorithm()) {
            case "RSA": algorithm = "SHA256withRSA"; break;
            case "EC": algorithm = "SHA256withECDSA"; break;
            case "Ed25519":
            case "EdDSA": algorithm = "Ed25519"; break;
            default: return true; // a key type we cannot check here; the handshake will tell
        }
        try {
            byte[] challenge = "logline-key-check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            java.security.Signature s = java.security.Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(challenge);
            byte[] signature = s.sign();
            s.initVerify(cert.getPublicKey());
            s.update(challenge);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static SSLContext context(TlsKeyPair pair) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", pair.privateKey(), NO_PASSWORD,
                    pair.certificateChain().toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, NO_PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsFilesException("cannot build a TLS context from the certificate and key: " + e, e);
        }
    }

}
