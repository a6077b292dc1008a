package dev.logline.server.auth;

import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When auth is on: loopback versus other addresses, --no-auth, and keys made or revoked while the server runs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthLifecycleTest {

    /** One store for all tests (opening one is the slow part); each test has its own key directory. */
    ColumnarLogStore store;

    @TempDir
    Path data;

    @BeforeAll
    void openStore(@TempDir Path storeDir) {
        store = ColumnarLogStore.open(ColumnarStoreConfig.defaults(storeDir));
    }

    @AfterAll
    void closeStore() throws IOException {
        store.close();
    }

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    int status(LoglineServer server, String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Polls (bounded: the key file is re-read at most once per second) until the status is as wanted. */
    int awaitStatus(LoglineServer server, String path, String key, IntPredicate wanted) throws Exception {
        int last = -1;
        for (int i = 0; i < 50; i++) {
            last = status(server, path, key);
            if (wanted.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        return last;
    }

    LoglineServer.Builder builder(String bind) {
        return LoglineServer.builder().config(ServerConfig.defaults().withPort(0).withBindAddress(bind)).store(store);
    }

    @Test
    void aLoopbackServerWithoutKeysIsOpenUntilAKeyIsMadeAndKeysWorkWithoutARestart() throws Exception {
        LoglineServer server = builder("127.0.0.1").auth(AuthSettings.inDataDir(data)).build().start();
        try {
            assertThat(status(server, "/api/v1/search?q=*", null)).isEqualTo(200);

            IssuedKey made = KeyFile.in(data).create(Role.READ, "default", "made while running");
            assertThat(awaitStatus(server, "/api/v1/search?q=*", null, s -> s == 401)).isEqualTo(401);
            assertThat(status(server, "/api/v1/search?q=*", made.token().text())).isEqualTo(200);

            KeyFile.in(data).revoke(made.key().id());
            assertThat(awaitStatus(server, "/api/v1/search?q=*", made.token().text(), s -> s == 401)).isEqualTo(401);
            // Revoking the last key does not open the server again.
            assertThat(status(server, "/api/v1/search?q=*", null)).isEqualTo(401);
            assertThat(status(server, "/healthz", null)).isEqualTo(200);
        } finally {
            server.close();
        }
    }

    @Test
    void anyOtherAddressWithoutKeysRefusesToStartAndSaysWhatToDo() throws IOException {
        LoglineServer server = builder("0.0.0.0").auth(AuthSettings.inDataDir(data)).build();
        assertThatThrownBy(server::start).isInstanceOf(UnprotectedBindException.class)
                .hasMessageContaining("refusing to listen on 0.0.0.0")
                .hasMessageContaining("logline keys create --data " + data.toAbsolutePath())
                .hasMessageContaining("--no-auth");
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);

        LoglineServer embedded = builder("0.0.0.0").build();
        assertThatThrownBy(embedded::start).isInstanceOf(UnprotectedBindException.class)
                .hasMessageContaining("no key file");
    }

    @Test
    void noAuthStartsOnAnyAddressAndServesWithoutKeys() throws Exception {
        KeyFile.in(data).create(Role.READ, "default", null);
        LoglineServer server = builder("0.0.0.0").auth(AuthSettings.inDataDir(data).withDisabled(true))
                .build().start();
        try {
            assertThat(server.auth().enforcing()).isFalse();
            assertThat(status(server, "/api/v1/search?q=*", null)).isEqualTo(200);
            assertThat(status(server, "/api/v1/ingest", null)).isNotIn(401, 403);
        } finally {
            server.close();
        }
    }

    @Test
    void anyOtherAddressWithKeysStartsAndChecksThem() throws Exception {
        IssuedKey key = KeyFile.in(data).create(Role.READ, "default", null);
        LoglineServer server = builder("0.0.0.0").auth(AuthSettings.inDataDir(data)).build().start();
        try {
            assertThat(server.auth().enforcing()).isTrue();
            assertThat(status(server, "/api/v1/search?q=*", null)).isEqualTo(401);
            assertThat(status(server, "/api/v1/search?q=*", key.token().text())).isEqualTo(200);
        } finally {
            server.close();
        }
    }

    @Test
    void anUnreadableKeyFileStopsTheServerFromBeingBuilt() throws IOException {
        java.nio.file.Files.writeString(data.resolve(KeyFile.FILE_NAME), "{\"keys\": 3}");
        assertThatThrownBy(() -> builder("127.0.0.1").auth(AuthSettings.inDataDir(data)).build())
                .isInstanceOf(KeyFileException.class).hasMessageContaining("keys.json");
    }
}
