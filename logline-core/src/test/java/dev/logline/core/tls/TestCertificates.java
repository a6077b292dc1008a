package dev.logline.core.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A private certificate authority for TLS tests, made in Java (BouncyCastle), so no test needs openssl: its CA
 * certificate, and server certificates it signs for {@code localhost} and {@code 127.0.0.1} (valid now, or already
 * expired), written as the PEM files a server and a client are given. EC P-256 keys, quick to make.
 */
public final class TestCertificates {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final Path dir;
    private final KeyPair caKey;
    private final X509Certificate ca;
    private final Path caFile;

    /**
     * A server's files.
     *
     * @param chain  the certificate then the CA's, PEM
     * @param key    its private key, PKCS#8 PEM
     * @param serial the certificate's serial number (to tell a reloaded certificate from the old one)
     */
    public record ServerFiles(Path chain, Path key, BigInteger serial) {
    }

    private TestCertificates(Path dir, KeyPair caKey, X509Certificate ca, Path caFile) {
        this.dir = dir;
        this.caKey = caKey;
        this.ca = ca;
        this.caFile = caFile;
    }

    /** A new CA named {@code name}, its certificate written to {@code dir/<name>-ca.pem}. */
    public static TestCertificates authority(Path dir, String name) {
        try {
            KeyPair key = keyPair();
            X500Name subject = new X500Name("CN=" + name + " test CA");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), subject,
                    key.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate cert = sign(b, key);
            Path file = dir.resolve(name + "-ca.pem");
            Files.writeString(file, pem(cert));
            return new TestCertificates(dir, key, cert, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CA certificate (PEM) a client trusts. */
    public Path caFile() {
        return caFile;
    }

    /** A server certificate for localhost and 127.0.0.1, valid from a day ago for a year. */
    public ServerFiles server(String name) {
        Instant now = Instant.now();
        return server(name, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    /** A server certificate that expired yesterday. */
    public ServerFiles expiredServer(String name) {
        Instant now = Instant.now();
        return server(name, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
    }

    /** A server certificate for localhost and 127.0.0.1 valid in {@code [from, to]}. */
    public ServerFiles server(String name, Instant from, Instant to) {
        try {
            KeyPair key = keyPair();
            BigInteger serial = serial();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    new X500Name(ca.getSubjectX500Principal().getName()), serial, Date.from(from), Date.from(to),
                    new X500Name("CN=" + name), key.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509Certificate cert = sign(b, caKey);
            Path chain = dir.resolve(name + ".pem");
            Path keyFile = dir.resolve(name + "-key.pem");
            Files.writeString(chain, pem(cert) + pem(ca));
            Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            return new ServerFiles(chain, keyFile, serial);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder b, KeyPair signer) {
        try {
            ContentSigner s = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
            X509CertificateHolder holder = b.build(s);
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test certificate: " + e, e);
        }
    }

    private static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString();
    }
}
