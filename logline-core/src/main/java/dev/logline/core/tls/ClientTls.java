package dev.logline.core.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * How a Logline client (the appender, {@code logline ship}, the CLI) verifies the server over HTTPS: against a CA
 * certificate file (PEM, one or more certificates; for a private CA or a self-signed server) or, without one, the
 * system trust store. Host names are always checked. Also turns a failed handshake into a message that says what
 * was wrong and what to do.
 */
public final class ClientTls {

    private ClientTls() {
    }

    /**
     * The context trusting the certificates in {@code caFile}, or the system trust store when it is {@code null}.
     *
     * @param setting the option that named the file, for messages
     * @throws IllegalArgumentException when the file cannot be read or holds no certificate
     */
    public static SSLContext context(Path caFile, String setting) {
        try {
            if (caFile == null) {
                return SSLContext.getDefault();
            }
            Collection<? extends Certificate> certs;
            try (InputStream in = Files.newInputStream(caFile)) {
                certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            } catch (IOException e) {
                throw new IllegalArgumentException(setting + ": cannot read the CA file " + caFile + " (" + e
                        + "); check the path and its permissions", e);
            } catch (CertificateException e) {
                throw new IllegalArgumentException(setting + ": " + caFile + " is not a PEM certificate file ("
                        + e.getMessage() + "); give the CA certificate that signed the server's, as PEM", e);
            }
            if (certs.isEmpty()) {
                throw new IllegalArgumentException(setting + ": " + caFile + " holds no certificate; give the CA "
                        + "certificate that signed the server's, as PEM (-----BEGIN CERTIFICATE-----)");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(setting + ": cannot set up TLS with " + caFile + ": " + e, e);
        }
    }

    /**
     * What went wrong with TLS, said so a person can act, or {@code null} when the failure is not about TLS.
     *
     * @param failure what the HTTP client threw
     * @param server  the server's URL
     * @param caHint  how to name a CA file in this client ("--ca-file", "<caFile>")
     */
    public static String describe(Throwable failure, String server, String caHint) {
        boolean tls = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "the certificate of " + server + " has expired (" + t.getMessage() + "); the server must "
                        + "renew it (its files are re-read when they change)";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "the certificate of " + server + " is not valid yet (" + t.getMessage() + "); check the "
                        + "clocks of this machine and the server";
            }
            if (t instanceof CertPathValidatorException cpv && cpv.getReason()
                    == CertPathValidatorException.BasicReason.EXPIRED) {
                return "the certificate of " + server + " has expired; the server must renew it";
            }
            String m = String.valueOf(t.getMessage());
            if (m.contains("unable to find valid certification path") || m.contains("PKIX path building failed")) {
                return "the certificate of " + server + " is not trusted: it is not signed by a CA this client "
                        + "trusts; give the CA certificate with " + caHint + " (PEM), or use a certificate from a "
                        + "public CA";
            }
            if (m.contains("No subject alternative") || m.contains("No name matching")) {
                return "the certificate of " + server + " is for another host name (" + m + "); connect by a name "
                        + "the certificate lists, or reissue it with this one";
            }
            if (m.contains("Unsupported or unrecognized SSL message") || m.contains("plaintext connection")) {
                return server + " does not speak TLS on this port; use http:// if the server runs without "
                        + "--tls-cert, or the port it serves HTTPS on";
            }
            tls |= t instanceof SSLException || t instanceof SSLHandshakeException
                    || t instanceof CertificateException;
            if (t.getCause() == t) {
                break;
            }
        }
        return tls ? "TLS with " + server + " failed: " + failure.getMessage() : null;
    }

    /** The subject of a certificate, for messages. */
    static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }
}
