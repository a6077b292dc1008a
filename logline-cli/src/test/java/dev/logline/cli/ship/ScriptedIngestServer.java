package dev.logline.cli.ship;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * An ingest endpoint that answers from a script, for the answers a real server rarely gives on cue (503 with
 * Retry-After, 401, 413). Records every batch it receives, decompressed, as lines.
 */
final class ScriptedIngestServer implements AutoCloseable {

    /** A scripted reply: status, body and an optional Retry-After. */
    record Reply(int status, String body, String retryAfter) {
        static Reply accept(List<String> lines) {
            return new Reply(200, "{\"accepted\":" + lines.size() + ",\"rejected\":[]}", null);
        }
    }

    private final HttpServer http;
    final List<List<String>> received = new CopyOnWriteArrayList<>();

    ScriptedIngestServer(Function<List<String>, Reply> script) throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/api/v1/ingest", exchange -> answer(exchange, script));
        http.start();
    }

    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    private void answer(HttpExchange exchange, Function<List<String>, Reply> script) throws IOException {
        byte[] body;
        try (var in = new GZIPInputStream(exchange.getRequestBody())) {
            body = in.readAllBytes();
        }
        List<String> lines = new String(body, StandardCharsets.UTF_8).lines().toList();
        received.add(lines);
        Reply reply = script.apply(lines);
        if (reply.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", reply.retryAfter());
        }
        byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
