package dev.logline.it;

import ch.qos.logback.core.status.Status;
import dev.logline.logback.appender.LoglineAppender;
import dev.logline.query.LqlParser;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.server.auth.AuthSettings;
import dev.logline.server.auth.KeyFile;
import dev.logline.server.auth.Role;
import dev.logline.store.SearchRequest;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key created in a running server makes it refuse services that ship without one (as the demo's shop met it):
 * the appender must lose nothing. It holds the events in its spool, says so loudly, and sends them once it has a
 * valid key — set at run time or written to its key file.
 */
class RefusedKeyTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aKeyWrittenToTheKeyFileReleasesTheHeldEvents(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("logline.key");
        refusedThenGivenAKey(dir, Map.of("apiKeyFile", keyFile.toString()),
                (appender, token) -> write(keyFile, token + "\n"));
    }

    @Test
    void aKeySetAtRunTimeReleasesTheHeldEvents(@TempDir Path dir) throws Exception {
        refusedThenGivenAKey(dir, Map.of(), LoglineAppender::setApiKey);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Ships, has a key created in the running server, logs more, then gives the appender the key. */
    private void refusedThenGivenAKey(Path dir, Map<String, String> settings,
                                      BiConsumer<LoglineAppender, String> giveKey) throws Exception {
        Path data = dir.resolve("data");
        try (ColumnarLogStore store = ColumnarLogStore.open(ColumnarStoreConfig.defaults(data).toBuilder()
                .flushInterval(Duration.ofMillis(100)).build());
             LoglineServer server = LoglineServer.builder().config(ServerConfig.defaults().withPort(0)).store(store)
                     .auth(AuthSettings.inDataDir(data)).build().start();
             ShippingApp app = ShippingApp.start("http://127.0.0.1:" + server.port(), dir.resolve("spool"), settings)) {
            LoglineAppender appender = app.appender();
            Logger log = app.logger("shop.Orders");
            for (int i = 0; i < 10; i++) {
                log.info("before the key {}", i);
            }
            assertThat(RunningServer.await(() -> appender.metrics().getSent() == 10, WAIT)).isTrue();

            // An operator creates the first key: the server requires keys from now on (within a second).
            String token = KeyFile.in(data).create(Role.INGEST, "default", "shop").token().text();
            String url = "http://127.0.0.1:" + server.port() + "/api/v1/search?q=*";
            HttpClient http = HttpClient.newHttpClient();
            assertThat(RunningServer.await(() -> status(http, url) == 401, WAIT)).isTrue();

            for (int i = 0; i < 20; i++) {
                log.info("held {}", i);
            }
            assertThat(RunningServer.await(() -> appender.metrics().isWaitingForApiKey(), WAIT)).isTrue();
            assertThat(app.statuses(Status.ERROR)).anyMatch(s -> s.contains("refused the API key")
                    && s.contains("Nothing is dropped") && s.contains("<apiKeyFile>"));
            assertThat(appender.metrics().summary()).startsWith("WAITING FOR A VALID API KEY");
            assertThat(appender.metrics().getDropped()).isZero();
            assertThat(appender.metrics().getSpooled()).isGreaterThanOrEqualTo(20);

            giveKey.accept(appender, token);
            assertThat(RunningServer.await(() -> count(store, "held") == 20, WAIT))
                    .as(appender.metrics().summary()).isTrue();
            assertThat(RunningServer.await(() -> !appender.metrics().isWaitingForApiKey(), WAIT)).isTrue();
            assertThat(appender.metrics().getDropped()).isZero();
            assertThat(appender.metrics().getSent()).isEqualTo(30);
            assertThat(app.statuses(Status.INFO)).anyMatch(s -> s.contains("accepts the API key now"));
        }
    }

    private static int status(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static int count(ColumnarLogStore store, String words) {
        return store.search(new SearchRequest("default", LqlParser.parse(words), 0, Long.MAX_VALUE, 1000, null,
                Duration.ofSeconds(10))).events().size();
    }
}
