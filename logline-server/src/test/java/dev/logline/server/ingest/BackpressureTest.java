package dev.logline.server.ingest;

import dev.logline.core.LogEvent;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.server.ServerFixture;
import dev.logline.store.BackpressureException;
import dev.logline.store.FieldSummary;
import dev.logline.store.LogStore;
import dev.logline.store.SearchRequest;
import dev.logline.store.SearchResult;
import dev.logline.store.StoreStats;
import dev.logline.store.StoredEvent;
import dev.logline.store.TableResult;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class BackpressureTest {

    /** The real store, except that it is "behind": every write is refused as the SPI says a busy store does. */
    static final class BehindStore implements LogStore {
        final LogStore real;

        BehindStore(LogStore real) {
            this.real = real;
        }

        @Override
        public CompletableFuture<Void> write(String tenant, List<LogEvent> events) {
            return CompletableFuture.failedFuture(new BackpressureException("indexing is behind", Duration.ofMillis(2_500)));
        }

        @Override public SearchResult search(SearchRequest r) { return real.search(r); }
        @Override public TableResult aggregate(SearchRequest r) { return real.aggregate(r); }
        @Override public List<StoredEvent> transaction(String t, String f, String v, long a, long b, int l) { return real.transaction(t, f, v, a, b, l); }
        @Override public List<StoredEvent> around(String t, String id, int b, int a) { return real.around(t, id, b, a); }
        @Override public List<FieldSummary> fields(SearchRequest r, int top) { return real.fields(r, top); }
        @Override public AutoCloseable subscribe(String t, Consumer<List<StoredEvent>> l) { return real.subscribe(t, l); }
        @Override public void applyRetention() { real.applyRetention(); }
        @Override public StoreStats stats() { return real.stats(); }
        @Override public void close() throws IOException { real.close(); }
    }

    @Test
    void aStoreThatIsBehindGets429WithRetryAfterOnBothCollectors(@TempDir Path dir) throws Exception {
        try (ColumnarLogStore columnar = ColumnarLogStore.open(ColumnarStoreConfig.defaults(dir));
             LoglineServer server = LoglineServer.create(ServerConfig.defaults().withPort(0), new BehindStore(columnar)).start()) {
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
