package dev.logline.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logline.core.redact.LeakCorpus;
import dev.logline.core.redact.RedactionPolicy;
import dev.logline.core.tls.ClientTls;
import dev.logline.core.tls.TestCertificates;
import dev.logline.logback.LoglineEncoder;
import dev.logline.logback.appender.LoglineAppender;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.server.tls.TlsSettings;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.spi.LoggingEventBuilder;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The appender against a real server: over TLS with a private CA (and refusing a server it cannot verify), and the
 * leak corpus logged through it to a server that redacts nothing itself — what arrives holds no secret.
 */
class AppenderSecurityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final LoggerContext context = new LoggerContext();
    private final Logger log = context.getLogger("shop.payments");
    private ColumnarLogStore store;
    private LoglineServer server;
    private HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws IOException {
        context.stop();
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private String start(LoglineServer.Builder builder) {
        store = ColumnarLogStore.open(ColumnarStoreConfig.defaults(dir.resolve("data")).toBuilder()
                .flushInterval(Duration.ofMillis(100)).build());
        server = builder.config(ServerConfig.defaults().withPort(0)).store(store).build().start();
        return server.scheme() + "://127.0.0.1:" + server.port();
    }

    private LoglineAppender attach(String url, String caFile) {
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        LoglineAppender a = new LoglineAppender();
        a.setContext(context);
        a.setName("security");
        a.setUrl(url);
        a.setService("payments");
        a.setLingerMs(5);
        a.setSpoolDir(dir.resolve("spool").toString());
        a.setMaxBackoffMs(200);
        if (caFile != null) {
            a.setCaFile(caFile);
        }
        LoglineEncoder encoder = new LoglineEncoder();
        encoder.setContext(context);
        encoder.addRedact(LeakCorpus.load().rules());
        a.setEncoder(encoder);
        a.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(a);
        return a;
    }

    private JsonNode search(String url, String lql, int atLeast) throws Exception {
        JsonNode events = null;
        for (int i = 0; i < 100 && (events == null || events.size() < atLeast); i++) {
            Thread.sleep(100);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/search?last=1h&limit=1000&q="
                    + URLEncoder.encode(lql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            events = JSON.readTree(r.body()).path("events");
        }
        return events;
    }

    @Test
    void theAppenderSendsOverTlsToAServerItVerifiesAndRefusesOneItCannot() throws Exception {
        TestCertificates ca = TestCertificates.authority(dir, "shop");
        TestCertificates.ServerFiles files = ca.server("server");
        String url = start(LoglineServer.builder().tls(new TlsSettings(files.chain(), files.key())));
        assertThat(url).startsWith("https://");
        http = HttpClient.newBuilder().sslContext(ClientTls.context(ca.caFile(), "test")).build();

        LoglineAppender trusting = attach(url, ca.caFile().toString());
        log.info("payment accepted over tls");
        assertThat(search(url, "\"payment accepted over tls\"", 1)).hasSize(1);
        trusting.stop();

        LoglineAppender untrusting = attach(url, null);
        log.info("never sent in clear");
        assertThat(RunningServer.await(() -> untrusting.metrics().getFailed() > 0, Duration.ofSeconds(10))).isTrue();
        assertThat(untrusting.metrics().summary()).contains("is not trusted");
        assertThat(search(url, "\"never sent in clear\"", 0)).isEmpty();
    }

    @Test
    void noSecretOfTheLeakCorpusArrivesThroughTheAppender() throws Exception {
        String url = start(LoglineServer.builder().redaction(RedactionPolicy.none()));
        LoglineAppender appender = attach(url, null);
        LeakCorpus corpus = LeakCorpus.load();
        int sent = 0;
        for (LeakCorpus.Case c : corpus.cases()) {
            log(c);
            sent++;
        }
        log(corpus.ordinaryCase());
        JsonNode events = search(url, "*", sent + 1);
        assertThat(events).as(appender.metrics().summary()).hasSize(sent + 1);
        StringBuilder texts = new StringBuilder();
        events.forEach(e -> e.fields().forEachRemaining(f -> texts.append(f.getValue().isTextual()
                ? f.getValue().asText() : f.getValue().toString()).append('\n')));
        for (String secret : corpus.secrets()) {
            assertThat(texts.toString()).doesNotContain(secret);
        }
        String ordinary = search(url, "\"ids\"", 1).toString();
        for (String id : corpus.ordinary()) {
            assertThat(ordinary).contains(id);
        }
    }

    private void log(LeakCorpus.Case c) {
        LoggingEventBuilder b = (c.errorType() == null ? log.atInfo() : log.atError()).setMessage(c.msg());
        for (Map.Entry<String, Object> a : c.attributes().entrySet()) {
            b = b.addKeyValue(a.getKey(), a.getValue());
        }
        if (c.errorType() != null) {
            b = b.setCause(new IllegalStateException(c.errorMessage()));
        }
        b.log();
    }
}
