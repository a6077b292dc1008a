package dev.logline.cli.testing;

import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.server.alerts.AlertSettings;
import dev.logline.server.auth.AuthSettings;
import dev.logline.server.dashboards.DashboardSettings;
import dev.logline.server.documents.DocumentStore;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * A real Logline server for a test: the embedded column store in a temporary directory and the HTTP server on a
 * random loopback port. Closing it stops both.
 */
public final class RunningLogline implements AutoCloseable {

    private final ColumnarLogStore store;
    private final LoglineServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningLogline(ColumnarLogStore store, LoglineServer server) {
        this.store = store;
        this.server = server;
    }

    public static RunningLogline start(Path dataDir) throws IOException {
        return start(dataDir, AuthSettings.none());
    }

    /** As {@link #start(Path)}, with the API keys (and audit log) of {@code dataDir}: auth is on once it has keys. */
    public static RunningLogline startWithKeys(Path dataDir) throws IOException {
        return start(dataDir, AuthSettings.inDataDir(dataDir));
    }

    /**
     * As {@link #start(Path)}, serving the dashboards in {@code boards} read-only (provisioned), as
     * {@code logline server --dashboards} does.
     */
    public static RunningLogline startWithDashboards(Path dataDir, Path boards) throws IOException {
        return start(dataDir, AuthSettings.none(), boards);
    }

    private static RunningLogline start(Path dataDir, AuthSettings auth) throws IOException {
        return start(dataDir, auth, null);
    }

    private static RunningLogline start(Path dataDir, AuthSettings auth, Path boards) throws IOException {
        // A short refresh keeps the tests quick: events become searchable (and tailed) within ~100 ms.
        ColumnarLogStore store = ColumnarLogStore.open(ColumnarStoreConfig.defaults(dataDir).toBuilder().flushInterval(Duration.ofMillis(100)).build());
        boolean success = false;
        try {
            LoglineServer.Builder builder = LoglineServer.builder().config(ServerConfig.defaults().withPort(0)).store(store)
                    .auth(auth).alerts(AlertSettings.inDataDir(dataDir).withTick(Duration.ofMillis(200)))
                    .documents(DocumentStore.in(dataDir))
                    .dashboards(DashboardSettings.defaults().withProvisionedFolder(boards));
            Path webSources = Paths.get("..", "logline-server", "src", "main", "resources");
            if (Files.isRegularFile(webSources.resolve(LoglineServer.WEB_ROOT).resolve("index.html"))) {
                // In a checkout, serve the UI's source files so the browser tests see the current UI even when
                // the installed logline-server jar was built before the last edit of a page.
                builder.webRoot(new URLClassLoader(new URL[]{webSources.toUri().toURL()}, null), LoglineServer.WEB_ROOT);
            }
            LoglineServer server = builder.build().start();
            success = true;
            return new RunningLogline(store, server);
        } finally {
            if (!success) {
                try {
                    store.close();
                } catch (IOException ignored) {
                    // The start failure is the error worth reporting.
                }
            }
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Posts NDJSON to the native ingest endpoint and fails unless every line was accepted. */
    public void ingest(String ndjson) throws IOException, InterruptedException {
        ingest(ndjson, null);
    }

    /** As {@link #ingest(String)}, sending {@code apiKey} (a key with the ingest role) as a bearer token. */
    public void ingest(String ndjson, String apiKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + "/api/v1/ingest"))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson, StandardCharsets.UTF_8));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        var answer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
        if (r.statusCode() != 200 || answer.path("rejected").size() != 0) {
            throw new AssertionError("ingest answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** A JSON request (POST, PUT …) to an API path; returns the response. */
    public HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET of an API path, returning the body (for waiting until events are searchable). */
    public String get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * Waits, up to 30 s, until {@code pathAndQuery} answers a body the condition accepts (indexing is near-real-time,
     * not instant), and returns that body.
     */
    public String awaitAnswer(String pathAndQuery, Predicate<String> condition) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String body = get(pathAndQuery);
        while (!condition.test(body)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + pathAndQuery + "; last answer: " + body);
            }
            Thread.sleep(100);
            body = get(pathAndQuery);
        }
        return body;
    }

    /** How many events a search answer holds. */
    public static int eventCount(String searchAnswer) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(searchAnswer).path("events").size();
        } catch (IOException e) {
            return -1;
        }
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
