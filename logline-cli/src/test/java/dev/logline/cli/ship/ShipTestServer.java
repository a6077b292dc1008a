package dev.logline.cli.ship;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A real Logline server (embedded column store in a temporary directory) on a loopback port for the ship tests, with
 * the searches they count with. Unlike the shared test helper it can take a port chosen in advance, so a test can
 * point the shipper at a server that is not running yet.
 */
final class ShipTestServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ColumnarLogStore store;
    private final LoglineServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    private ShipTestServer(ColumnarLogStore store, LoglineServer server) {
        this.store = store;
        this.server = server;
    }

    /** @param port the port, or 0 for any free one */
    static ShipTestServer start(Path dataDir, int port) throws IOException {
        // A short refresh makes shipped events searchable within ~100 ms.
        ColumnarLogStore store = ColumnarLogStore.open(ColumnarStoreConfig.defaults(dataDir).toBuilder().flushInterval(Duration.ofMillis(100)).build());
        boolean success = false;
        try {
            LoglineServer server = LoglineServer.builder().config(ServerConfig.defaults().withPort(port)).store(store).build().start();
            success = true;
            return new ShipTestServer(store, server);
        } finally {
            if (!success) {
                store.close();
            }
        }
    }

    /** A port nothing listens on right now (for a server started later). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** How often each value of {@code field} occurs among the events matching {@code lql} in the last hour. */
    Map<String, Long> countBy(String lql, String field) throws IOException, InterruptedException {
        String q = lql + " | stats count() by " + field;
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/search?last=1h&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8).replace("+", "%20"))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("search answered " + r.statusCode() + ": " + r.body());
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (JsonNode row : JSON.readTree(r.body()).path("rows")) {
            counts.put(row.get(0).asText(), row.get(1).asLong());
        }
        return counts;
    }

    /** The events matching {@code lql} in the last hour, newest first. */
    JsonNode search(String lql) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/search?last=1h&limit=1000&q="
                + URLEncoder.encode(lql, StandardCharsets.UTF_8).replace("+", "%20"))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("search answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).path("events");
    }

    /** Waits (up to 20 s; indexing is near-real-time) until the counts satisfy {@code done}, and returns them. */
    Map<String, Long> awaitCounts(String lql, String field, Predicate<Map<String, Long>> done)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Map<String, Long> counts = countBy(lql, field);
        while (!done.test(counts)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting on " + lql + "; counts now " + counts);
            }
            Thread.sleep(100);
            counts = countBy(lql, field);
        }
        return counts;
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
