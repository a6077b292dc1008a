package dev.logline.server.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the server's TLS certificate and key are: PEM files, the certificate chain (the server's certificate first,
 * then the intermediates) and its private key (PKCS#8, {@code -----BEGIN PRIVATE KEY-----}, unencrypted). With TLS on,
 * every HTTP endpoint (the APIs, the UI, the collectors, OTLP/gRPC) is served over HTTPS only, and syslog over TCP is
 * TLS too (RFC 5425); the files are re-read when they change, so a renewed certificate needs no restart.
 *
 * @param certificateChain the PEM certificate chain
 * @param privateKey       the PEM private key
 */
public record TlsSettings(Path certificateChain, Path privateKey) {

    public TlsSettings {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
    }
}
