package dev.logline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** A real server on a random port over a real column store in a temporary folder, and a JDK HTTP client for it. */
public final class ServerFixture implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    public final ColumnarLogStore store;
    public final LoglineServer server;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The data folder when the fixture made it (deleted on close), else {@code null}. */
    private Path ownedDir;

    public ServerFixture(Path dataDir) {
        this(dataDir, ServerConfig.defaults());
    }

    public ServerFixture(Path dataDir, ServerConfig config) {
        this(dataDir, LoglineServer.builder().config(config.withPort(0)));
    }

    public ServerFixture(Path dataDir, LoglineServer.Builder builder) {
        store = ColumnarLogStore.open(ColumnarStoreConfig.defaults(dataDir).toBuilder().flushInterval(Duration.ofMillis(50)).build());
        server = builder.store(store).build().start();
    }

    /**
     * A server over a store in a new temporary folder, deleted on {@link #close}: for jqwik classes, which have no
     * {@code @TempDir}.
     */
    public static ServerFixture inTemporaryFolder(LoglineServer.Builder builder) throws IOException {
        Path dir = Files.createTempDirectory("logline-fixture");
        ServerFixture fx = new ServerFixture(dir, builder);
        fx.ownedDir = dir;
        return fx;
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public HttpResponse<String> post(String path, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    /** A response body as a JSON tree. */
    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** Ingests NDJSON, asserts it was all accepted, and waits until it is searchable. */
    public void ingest(String ndjson) {
        HttpResponse<String> r = post("/api/v1/ingest", ndjson);
        if (r.statusCode() != 200 || json(r).path("rejected").size() != 0) {
            throw new AssertionError("ingest failed: " + r.statusCode() + " " + r.body());
        }
        store.refreshNow();
    }

    /** A search over the last hour. */
    public JsonNode search(String lql, String extraParams) {
        HttpResponse<String> r = get("/api/v1/search?last=1h&q=" + enc(lql) + extraParams);
        if (r.statusCode() != 200) {
            throw new AssertionError("search failed: " + r.statusCode() + " " + r.body());
        }
        return json(r);
    }

    /**
     * A GET over a socket bound to {@code localAddress}, another loopback address (Linux routes all of 127/8 to lo),
     * which Java's HTTP client cannot choose: a request from a second client address. Answers the whole response
     * text, status line first.
     *
     * @param headers {@code "Name: value"} lines
     */
    public String getFrom(String localAddress, String pathAndQuery, String... headers) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5_000);
            s.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            for (String h : headers) {
                request.append(h).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            s.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        store.close();
        if (ownedDir != null) {
            try (Stream<Path> files = Files.walk(ownedDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
