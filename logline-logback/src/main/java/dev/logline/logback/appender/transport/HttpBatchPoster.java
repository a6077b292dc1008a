package dev.logline.logback.appender.transport;

import dev.logline.core.tls.ClientTls;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * POSTs compressed batch bodies over one keep-alive HTTP/1.1 client and turns status codes into
 * {@link SendOutcome}s: 2xx is read by the caller, 408/429/5xx and I/O errors are retried (429 and 503 with their
 * {@code Retry-After}), 413 asks for smaller batches, 401/403 say the key is missing or wrong (the events wait for a
 * good one), any other 4xx refuses the batch.
 *
 * <p>Owns the client's executor: {@link #close()} shuts it down so no thread outlives the appender.
 */
final class HttpBatchPoster implements AutoCloseable {

    private static final int MAX_ERROR_TEXT = 300;

    private final URI uri;
    private final ApiKeySource apiKey;
    private final Compression compression;
    private final String contentType;
    private final ExecutorService executor;
    private final HttpClient client;

    HttpBatchPoster(URI uri, TransportSettings settings, String contentType, String threadName) {
        this.uri = uri;
        this.apiKey = settings.apiKey();
        this.compression = settings.compression();
        this.contentType = contentType;
        // The client runs dependent tasks on this executor; a cached pool (one or two threads in practice) avoids
        // a single thread waiting on itself, and naming the threads lets the appender ignore their logging.
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpClient.Builder client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .executor(executor);
        if (settings.tls() != null) {
            client.sslContext(settings.tls());
        }
        this.client = client.build();
    }

    URI uri() {
        return uri;
    }

    /**
     * Sends the body; a 2xx response (and a 400 carrying a readable body, which some receivers use for "every line
     * rejected") goes to {@code onSuccess}.
     */
    SendOutcome post(byte[] body, Duration timeout, Function<HttpResponse<byte[]>, SendOutcome> onSuccess) {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri)
                .timeout(timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(compression.compress(body)));
        if (compression.contentEncoding() != null) {
            req.header("Content-Encoding", compression.contentEncoding());
        }
        String key = apiKey == null ? null : apiKey.current();
        if (key != null) {
            req.header("Authorization", "Bearer " + key);
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            String tls = ClientTls.describe(e, uri.toString(), "<caFile>");
            if (tls != null) {
                // The receiver answers but is not trusted: retried (a renewed certificate fixes it), never sent in clear.
                return new SendOutcome.Retry(null, "TLS: " + tls, false);
            }
            // Refused or never connected: nobody is listening, which a probe can notice ending.
            boolean away = e instanceof ConnectException || e instanceof HttpConnectTimeoutException
                    || e.getCause() instanceof ConnectException;
            return new SendOutcome.Retry(null, uri + " unreachable: " + e, away);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.Retry(null, "interrupted while sending to " + uri);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return onSuccess.apply(response);
        }
        String text = errorText(response.body());
        if (status == 429 || status == 503) {
            Duration wait = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), Instant.now());
            return new SendOutcome.Retry(wait, "HTTP " + status + " from " + uri + ": " + text);
        }
        if (status == 408 || status >= 500) {
            return new SendOutcome.Retry(null, "HTTP " + status + " from " + uri + ": " + text);
        }
        if (status == 413) {
            return new SendOutcome.TooLarge("HTTP 413 from " + uri + ": " + text);
        }
        if (status == 401 || status == 403) {
            return new SendOutcome.Unauthorized(status, "HTTP " + status + " from " + uri + ": " + text);
        }
        if (status == 400) {
            SendOutcome read = onSuccess.apply(response);
            if (read instanceof SendOutcome.Delivered) {
                return read;
            }
        }
        return new SendOutcome.Refused("HTTP " + status + " from " + uri + ": " + text);
    }

    /** Whether a TCP connection to the receiver's host and port opens within the timeout (nothing is sent). */
    boolean reachable(Duration timeout) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) Math.max(1, Math.min(
                    Integer.MAX_VALUE, timeout.toMillis())));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String errorText(byte[] body) {
        String s = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        return s.length() > MAX_ERROR_TEXT ? s.substring(0, MAX_ERROR_TEXT) + "…" : s;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
