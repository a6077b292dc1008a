package dev.logline.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;

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

/** A real Logline server with the embedded store in a temp dir, on a random loopback port, and its HTTP API. */
final class LoglineUnderTest implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ColumnarLogStore store;
    private final LoglineServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    LoglineUnderTest(Path dataDir) throws IOException {
        // A short refresh: events are searchable ~100 ms after they are written.
        store = ColumnarLogStore.open(ColumnarStoreConfig.defaults(dataDir).toBuilder().flushInterval(Duration.ofMillis(100)).build());
        server = LoglineServer.create(ServerConfig.defaults().withPort(0), store).start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url().resolve(pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** {@code /api/v1/search} with an LQL query over the last hour. */
    JsonNode search(String lql) throws IOException, InterruptedException {
        return get("/api/v1/search?last=1h&limit=500&q=" + URLEncoder.encode(lql, StandardCharsets.UTF_8));
    }

    /** {@link #await} of {@code /api/v1/search} with an LQL query over the last hour. */
    JsonNode awaitSearch(String lql, Predicate<JsonNode> ready) throws IOException, InterruptedException {
        return await("/api/v1/search?last=1h&limit=500&q=" + URLEncoder.encode(lql, StandardCharsets.UTF_8), ready);
    }

    /** Polls {@code pathAndQuery} (bounded, 20 s) until the answer satisfies {@code ready}: indexing is near-real-time. */
    JsonNode await(String pathAndQuery, Predicate<JsonNode> ready) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        JsonNode answer = get(pathAndQuery);
        while (!ready.test(answer)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting on " + pathAndQuery + "; last answer: " + answer);
            }
            Thread.sleep(100);
            answer = get(pathAndQuery);
        }
        return answer;
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            store.close();
        }
    }
}
