package dev.logline.logback.appender;

import com.github.luben.zstd.Zstd;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;

/**
 * A real HTTP receiver on a random loopback port for appender tests: it decompresses bodies, keeps the lines and
 * answers as Logline's ingest endpoint does, or with the canned failures a test queues up.
 */
final class IngestReceiver implements AutoCloseable {

    /** One canned answer: status, body and an optional Retry-After. */
    record Answer(int status, String body, String retryAfter) {
    }

    /** What one request carried. */
    record Request(String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** Lines containing this text are answered as rejected. */
    static final String REJECT_MARKER = "please-reject-me";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final ConcurrentLinkedQueue<Answer> canned = new ConcurrentLinkedQueue<>();
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile int maxBodyBytes = Integer.MAX_VALUE;

    IngestReceiver() throws IOException {
        this(0);
    }

    /** A receiver on this port (0 for a random one): a test restarts one where an appender expects it. */
    IngestReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The next requests get these answers, in order, before normal service resumes. */
    void answerNext(Answer... answers) {
        canned.addAll(List.of(answers));
    }

    /** Bodies (decompressed) over this size are answered 413, as a server's request limit does. */
    void limitBodyBytes(int max) {
        maxBodyBytes = max;
    }

    /** Requests wait until {@link #open()} (to make the sender stall). */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    List<String> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits (bounded) until the condition holds. */
    static boolean await(BooleanSupplier condition, long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            gate.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] raw;
        try (InputStream in = ex.getRequestBody()) {
            raw = in.readAllBytes();
        }
        byte[] body = decode(ex.getRequestHeaders().getFirst("Content-Encoding"), raw);
        requests.add(new Request(ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()), body));
        Answer a = canned.poll();
        if (a == null && body.length > maxBodyBytes) {
            a = new Answer(413, "{\"error\":\"request body over " + maxBodyBytes + " bytes\"}", null);
        }
        if (a == null) {
            a = accept(body);
        }
        if (a.retryAfter() != null) {
            ex.getResponseHeaders().add("Retry-After", a.retryAfter());
        }
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    private Answer accept(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.startsWith("{\"resourceLogs\"")) {
            lines.add(text);
            return new Answer(200, "{}", null);
        }
        int accepted = 0;
        StringBuilder rejected = new StringBuilder();
        int n = 0;
        for (String line : text.split("\n")) {
            n++;
            if (line.contains(REJECT_MARKER)) {
                rejected.append(rejected.length() == 0 ? "" : ",")
                        .append("{\"line\":").append(n).append(",\"error\":\"not wanted here\"}");
            } else {
                lines.add(line);
                accepted++;
            }
        }
        return new Answer(200, "{\"accepted\":" + accepted + ",\"rejected\":[" + rejected + "]}", null);
    }

    private static byte[] decode(String encoding, byte[] raw) throws IOException {
        if ("gzip".equals(encoding)) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return in.readAllBytes();
            }
        }
        if ("zstd".equals(encoding)) {
            return Zstd.decompress(raw, (int) Zstd.getFrameContentSize(raw));
        }
        return raw;
    }

    @Override
    public void close() {
        gate.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
