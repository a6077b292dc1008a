package dev.logline.server.ingest;

import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.server.ServerFixture;
import dev.logline.store.BackpressureException;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackpressureTest {

    /** The real store, except that every write is refused as the SPI says a store that fell behind does. */
    private static RefusingStore behind(ColumnarLogStore columnar) {
        RefusingStore store = new RefusingStore(columnar);
        store.refuseWrites(new BackpressureException("indexing is behind", Duration.ofMillis(2_500)));
        return store;
    }

    @Test
    void aStoreThatIsBehindGets429WithRetryAfterOnBothCollectors(@TempDir Path dir) throws Exception {
        try (ColumnarLogStore columnar = ColumnarLogStore.open(ColumnarStoreConfig.defaults(dir));
             LoglineServer server = LoglineServer.create(ServerConfig.defaults().withPort(0), behind(columnar)).start()) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/api/v1/ingest"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"msg\":\"papa\"}\n")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("retry-after")).hasValue("3");
            assertThat(ServerFixture.json(r).get("error").asText()).contains("behind");

            HttpResponse<String> es = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/_bulk"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"index\":{}}\n{\"message\":\"papa\"}\n")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(es.statusCode()).isEqualTo(429);
            assertThat(es.headers().firstValue("retry-after")).hasValue("3");
            assertThat(ServerFixture.json(es).get("error").get("type").asText()).isEqualTo("es_rejected_execution_exception");
            assertThat(server.metrics().collector("native").events()).isZero();
        }
    }
}
