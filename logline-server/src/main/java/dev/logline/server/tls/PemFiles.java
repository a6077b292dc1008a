package dev.logline.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads PEM certificate chains and PKCS#8 private keys with the JDK alone (RSA, EC, Ed25519/Ed448), so what the
 * server accepts does not depend on which security libraries happen to be on the classpath.
 */
final class PemFiles {

    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private PemFiles() {
    }

    /**
     * The certificates of a PEM file, in file order (the server's first).
     *
     * @throws TlsFilesException when the file holds none or cannot be read
     */
    static List<X509Certificate> certificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new TlsFilesException(file + " holds no certificate; give the PEM certificate chain "
                        + "(-----BEGIN CERTIFICATE-----), the server's first");
            }
            return out;
        } catch (IOException e) {
            throw new TlsFilesException("cannot read the TLS certificate file " + file + ": " + e, e);
        } catch (CertificateException e) {
            throw new TlsFilesException(file + " is not a PEM certificate chain (" + e.getMessage() + "); give the "
                    + "server's certificate then its intermediates, as PEM", e);
        }
    }

    /**
     * The private key of a PEM file in PKCS#8 form.
     *
     * @throws TlsFilesException when the file holds another form (PKCS#1, SEC1, encrypted) or cannot be read
     */
    static PrivateKey privateKey(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new TlsFilesException("cannot read the TLS private key file " + file + ": " + e, e);
        }
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            String form = text.contains("BEGIN RSA PRIVATE KEY") ? "a PKCS#1 RSA key"
                    : text.contains("BEGIN EC PRIVATE KEY") ? "a SEC1 EC key"
                    : text.contains("BEGIN ENCRYPTED PRIVATE KEY") ? "an encrypted key" : "no PEM private key";
            throw new TlsFilesException(file + " holds " + form + "; the server reads unencrypted PKCS#8 "
                    + "('-----BEGIN PRIVATE KEY-----'): convert it with `openssl pkcs8 -topk8 -nocrypt -in "
                    + file.getFileName() + " -out key-pkcs8.pem`");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new TlsFilesException(file + " is not valid PEM: its key is not base64", e);
        }
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448", "EdDSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisOne) {
                // try the next key type
            }
        }
        throw new TlsFilesException(file + " holds a PKCS#8 key of a type the server cannot use; give an RSA, EC or "
                + "Ed25519 key");
    }
}
