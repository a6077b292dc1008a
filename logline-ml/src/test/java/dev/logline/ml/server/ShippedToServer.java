package dev.logline.ml.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logline.logback.appender.LoglineAppender;
import dev.logline.server.LoglineServer;
import dev.logline.server.alerts.AlertSettings;
import dev.logline.server.ServerConfig;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;
import org.slf4j.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * A real Logline server (embedded store, random port) and a private Logback context whose loggers ship to it
 * through {@link LoglineAppender}, as a training job or a model server would; the server's query API read back.
 */
final class ShippedToServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ColumnarLogStore store;
    private final LoglineServer server;
    private final LoggerContext context = new LoggerContext();
    private final LoglineAppender appender = new LoglineAppender();
    private final HttpClient http = HttpClient.newHttpClient();

    ShippedToServer(Path dir) throws IOException {
        store = ColumnarLogStore.open(ColumnarStoreConfig.defaults(dir.resolve("data")).toBuilder()
                .flushInterval(Duration.ofMillis(100)).build());
        // With alerting on the same data folder, as logline server runs it: drift events can be alerted on.
        server = LoglineServer.builder().config(ServerConfig.defaults().withPort(0)).store(store)
                .alerts(AlertSettings.inDataDir(dir.resolve("data"))).build().start();
        context.setName("ml-shipping");
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        context.start();
        appender.setContext(context);
        appender.setName("logline");
        appender.setUrl("http://127.0.0.1:" + server.port());
        appender.setService("trainer");
        appender.setSpoolDir(dir.resolve("spool").toString());
        appender.setLingerMs(50);
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(Level.INFO);
        root.addAppender(appender);
    }

    Logger logger(String name) {
        return context.getLogger(name);
    }

    /** {@code /api/v1/search} over the last hour, polled (bounded) until {@code ready} holds: indexing is near-real-time. */
    JsonNode search(String lql, Predicate<JsonNode> ready) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/search?last=1h&limit=1000&q="
                + URLEncoder.encode(lql, StandardCharsets.UTF_8));
        Instant deadline = Instant.now().plusSeconds(30);
        for (;;) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError(lql + " answered " + r.statusCode() + ": " + r.body());
            }
            JsonNode body = JSON.readTree(r.body());
            if (ready.test(body)) {
                return body;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting on " + lql + "; last answer: " + body);
            }
            Thread.sleep(100);
        }
    }

    /** POSTs a JSON body to an API path; the answer's status and JSON. */
    Answer post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JSON.readTree(r.body()));
    }

    record Answer(int status, JsonNode body) {
    }

    @Override
    public void close() throws IOException {
        try {
            appender.stop();
            context.stop();
            server.close();
        } finally {
            store.close();
        }
    }
}
