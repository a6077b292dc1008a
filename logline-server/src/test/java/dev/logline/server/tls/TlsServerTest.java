package dev.logline.server.tls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.core.tls.ClientTls;
import dev.logline.core.tls.TestCertificates;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.server.ServerFixture;
import dev.logline.server.collect.syslog.SyslogConfig;
import dev.logline.server.http.SecureHeaders;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server over TLS with certificates a test CA signed: every endpoint over HTTPS with the secure headers, syslog
 * over TLS, real OpenTelemetry exporters, a renewed certificate served without a restart; clients refuse expired and
 * untrusted certificates with a message that says why; plaintext to the TLS port fails cleanly.
 */
class TlsServerTest {

    @TempDir
    Path dir;

    private ServerFixture fx;

    @AfterEach
    void stop() throws IOException {
        if (fx != null) {
            fx.close();
        }
    }

    private ServerFixture start(TestCertificates.ServerFiles files, SyslogConfig syslog) {
        fx = new ServerFixture(dir.resolve("data"), LoglineServer.builder()
                .config(ServerConfig.defaults().withPort(0))
                .tls(new TlsSettings(files.chain(), files.key()))
                .syslog(syslog));
        return fx;
    }

    private static HttpClient client(Path ca) {
        return HttpClient.newBuilder().sslContext(ClientTls.context(ca, "test")).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private String https(String path) {
        return "https://127.0.0.1:" + fx.server.port() + path;
    }

    @Test
    void everyEndpointIsServedOverHttpsWithTheSecureHeaders() throws Exception {
        TestCertificates ca = TestCertificates.authority(dir, "shop");
        start(ca.server("server"), SyslogConfig.defaults());
        HttpClient http = client(ca.caFile());
        assertThat(fx.server.scheme()).isEqualTo("https");

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(https("/")))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-security-policy")).hasValue(SecureHeaders.CONTENT_SECURITY_POLICY);
        assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("x-frame-options")).hasValue("DENY");
        assertThat(page.headers().firstValue("referrer-policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("strict-transport-security")).hasValue("max-age=31536000");

        HttpResponse<String> ingest = http.send(HttpRequest.newBuilder(URI.create(https("/api/v1/ingest")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"msg\":\"over tls\"}\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(200);
        fx.store.refreshNow();
        HttpResponse<String> search = http.send(HttpRequest.newBuilder(URI.create(https("/api/v1/search?last=1h&q=tls")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ServerFixture.json(search).get("events")).hasSize(1);
    }

    @Test
    void plaintextToTheTlsPortFailsCleanlyAndHttpsGoesOn() throws Exception {
        TestCertificates ca = TestCertificates.authority(dir, "shop");
        start(ca.server("server"), SyslogConfig.defaults());
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + fx.server.port() + "/healthz")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        HttpResponse<String> ok = client(ca.caFile()).send(HttpRequest.newBuilder(URI.create(https("/healthz")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
    }

    @Test
    void clientsRefuseExpiredAndUntrustedCertificatesAndSayWhy() throws Exception {
        TestCertificates ca = TestCertificates.authority(dir, "shop");
        TestCertificates other = TestCertificates.authority(dir, "elsewhere");
        start(ca.expiredServer("expired"), SyslogConfig.defaults());
        Throwable expired = failure(client(ca.caFile()), https("/healthz"));
        assertThat(ClientTls.describe(expired, https(""), "--ca-file")).contains("has expired");
        fx.close();

        start(ca.server("valid"), SyslogConfig.defaults());
        Throwable untrusted = failure(client(other.caFile()), https("/healthz"));
        assertThat(ClientTls.describe(untrusted, https(""), "--ca-file")).contains("is not trusted", "--ca-file");
        Throwable systemStore = failure(HttpClient.newHttpClient(), https("/healthz"));
        assertThat(ClientTls.describe(systemStore, https(""), "--ca-file")).contains("is not trusted");
        fx.close();

        fx = new ServerFixture(dir.resolve("plain"));
        Throwable notTls = failure(client(ca.caFile()), "https://127.0.0.1:" + fx.server.port() + "/healthz");
        assertThat(ClientTls.describe(notTls, "the server", "--ca-file")).contains("does not speak TLS");
    }

    @Test
    void aRenewedCertificateIsServedWithoutARestart() throws Exception {
        TestCertificates ca = TestCertificates.authority(dir, "shop");
        TestCertificates.ServerFiles first = ca.server("server");
        start(first, SyslogConfig.defaults());
        SSLContext trust = ClientTls.context(ca.caFile(), "test");
        assertThat(servedSerial(trust)).isEqualTo(first.serial());

        TestCertificates.ServerFiles renewed = ca.server("renewed");
        // As certbot does: the new files replace the old ones under the same names.
        Files.move(renewed.key(), first.key(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(renewed.chain(), first.chain(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        BigInteger served = null;
        for (int i = 0; i < 60 && !renewed.serial().equals(served); i++) {
            Thread.sleep(100);
            served = servedSerial(trust);
        }
        assertThat(served).isEqualTo(renewed.serial());

        // A broken replacement leaves the renewed certificate in service.
        Files.writeString(first.chain(), "not a certificate");
        Thread.sleep(700);
        assertThat(servedSerial(trust)).isEqualTo(renewed.serial());
    }

    @Test
    void syslogOverTcpIsTls() throws Exception {
        TestCertificates ca = TestCertificates.authority(dir, "shop");
        start(ca.server("server"), SyslogConfig.defaults().withEnabled(true).withBindAddress("127.0.0.1").withPort(0)
                .withUdp(false));
        int port = fx.server.syslog().tcpPort();
        try (Socket plain = new Socket("127.0.0.1", port)) {
            plain.getOutputStream().write("<14>1 2026-01-01T00:00:00Z h app - - - cleartext\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        SSLContext trust = ClientTls.context(ca.caFile(), "test");
        try (SSLSocket s = (SSLSocket) trust.getSocketFactory().createSocket("127.0.0.1", port)) {
            String msg = "<14>1 " + Instant.now() + " web-1 shop - - - order shipped over tls";
            OutputStream out = s.getOutputStream();
            out.write((msg.getBytes(StandardCharsets.UTF_8).length + " " + msg).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        JsonNode found = null;
        for (int i = 0; i < 100 && (found == null || found.get("events").isEmpty()); i++) {
            Thread.sleep(100);
            fx.store.refreshNow();
            found = ServerFixture.json(client(ca.caFile()).send(HttpRequest.newBuilder(
                    URI.create(https("/api/v1/search?last=1h&q=shipped"))).build(), HttpResponse.BodyHandlers.ofString()));
        }
        assertThat(found.get("events")).hasSize(1);
        assertThat(found.get("events").get(0).get("msg").asText()).isEqualTo("order shipped over tls");
        assertThat(ServerFixture.json(client(ca.caFile()).send(HttpRequest.newBuilder(
                URI.create(https("/api/v1/search?last=1h&q=cleartext"))).build(), HttpResponse.BodyHandlers.ofString()))
                .get("events")).isEmpty();
    }

    @Test
    void realOpenTelemetryExportersSendOverTls() throws Exception {
        TestCertificates ca = TestCertificates.authority(dir, "shop");
        start(ca.server("server"), SyslogConfig.defaults());
        byte[] caPem = Files.readAllBytes(ca.caFile());
        emit(OtlpHttpLogRecordExporter.builder().setEndpoint(https("/v1/logs")).setTrustedCertificates(caPem).build(),
                "via otlp http");
        emit(OtlpGrpcLogRecordExporter.builder().setEndpoint(https("")).setTrustedCertificates(caPem).build(),
                "via otlp grpc");
        fx.store.refreshNow();
        JsonNode events = ServerFixture.json(client(ca.caFile()).send(HttpRequest.newBuilder(
                URI.create(https("/api/v1/search?last=1h&q=via"))).build(), HttpResponse.BodyHandlers.ofString()))
                .get("events");
        assertThat(events).extracting(e -> e.get("msg").asText())
                .containsExactlyInAnyOrder("via otlp http", "via otlp grpc");
    }

    @Test
    void unusableFilesStopTheServerNamingTheFile() {
        TestCertificates ca = TestCertificates.authority(dir, "shop");
        TestCertificates.ServerFiles files = ca.server("server");
        assertThatThrownBy(() -> LoglineServer.builder().store(new dev.logline.server.collect.RecordingStore())
                .tls(new TlsSettings(dir.resolve("missing.pem"), files.key())).build())
                .isInstanceOf(TlsFilesException.class).hasMessageContaining("missing.pem").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> LoglineServer.builder().store(new dev.logline.server.collect.RecordingStore())
                .tls(new TlsSettings(files.key(), files.key())).build())
                .isInstanceOf(TlsFilesException.class).hasMessageContaining("is not a PEM certificate chain");
        assertThatThrownBy(() -> LoglineServer.builder().store(new dev.logline.server.collect.RecordingStore())
                .tls(new TlsSettings(files.chain(), files.chain())).build())
                .isInstanceOf(TlsFilesException.class).hasMessageContaining("no PEM private key")
                .hasMessageContaining("openssl pkcs8 -topk8");
        TestCertificates.ServerFiles another = ca.server("another");
        assertThatThrownBy(() -> LoglineServer.builder().store(new dev.logline.server.collect.RecordingStore())
                .tls(new TlsSettings(files.chain(), another.key())).build())
                .isInstanceOf(TlsFilesException.class).hasMessageContaining("does not belong to the certificate");
    }

    private static void emit(LogRecordExporter exporter, String body) {
        SdkLoggerProvider provider = SdkLoggerProvider.builder()
                .setResource(Resource.getDefault().toBuilder().put("service.name", "otel-tls").build())
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build();
        try {
            provider.get("tls-test").logRecordBuilder().setSeverity(Severity.INFO).setBody(body).emit();
            assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).as(body).isTrue();
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    private static Throwable failure(HttpClient http, String url) {
        try {
            http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            return e;
        }
        throw new AssertionError("the request to " + url + " succeeded");
    }

    private BigInteger servedSerial(SSLContext trust) throws IOException {
        try (SSLSocket s = (SSLSocket) trust.getSocketFactory().createSocket("127.0.0.1", fx.server.port())) {
            s.startHandshake();
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }
}
