package dev.logline.bench.appender;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * A local stand-in for the Logline ingest endpoint on a random loopback port: it reads each NDJSON batch, counts
 * its lines and answers {@code 200 {"accepted":N,"rejected":[]}} at once, storing nothing.
 */
final class HttpIngestSink implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bench-ingest-sink");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong accepted = new AtomicLong();

    HttpIngestSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Events accepted so far. */
    long accepted() {
        return accepted.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] raw;
        try (InputStream in = ex.getRequestBody()) {
            raw = in.readAllBytes();
        }
        byte[] body = raw;
        if ("gzip".equals(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                body = in.readAllBytes();
            }
        }
        int lines = 0;
        for (byte b : body) {
            if (b == '\n') {
                lines++;
            }
        }
        accepted.addAndGet(lines);
        byte[] answer = ("{\"accepted\":" + lines + ",\"rejected\":[]}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, answer.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
