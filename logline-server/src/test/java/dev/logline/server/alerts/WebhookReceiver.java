package dev.logline.server.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver for webhooks on a loopback port: keeps every request it answered 2xx, and answers the status
 * a test sets (503 while "down for maintenance"). {@link #stop()} and {@link #restartOnSamePort()} make it
 * unreachable and reachable again at the same URL.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(String path, Map<String, List<String>> headers, byte[] body) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
            }
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger attempts = new AtomicInteger();
    private HttpServer server;
    private int port;

    WebhookReceiver() {
        start(0);
    }

    private void start(int p) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", p), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            attempts.incrementAndGet();
            int s = status.get();
            if (s / 100 == 2) {
                received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body));
            }
            exchange.sendResponseHeaders(s, -1);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The status the next requests get. */
    void answer(int s) {
        status.set(s);
    }

    List<Received> received() {
        return received;
    }

    /** Requests that arrived, whatever they were answered. */
    int attempts() {
        return attempts.get();
    }

    void stop() {
        server.stop(0);
    }

    /** Listens again on the port it had (waiting briefly should the system still hold it). */
    void restartOnSamePort() throws InterruptedException {
        for (int i = 0; ; i++) {
            try {
                start(port);
                return;
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof BindException) || i > 50) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
