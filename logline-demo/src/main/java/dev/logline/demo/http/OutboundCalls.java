package dev.logline.demo.http;

import dev.logline.context.http.HttpClientTracing;
import dev.logline.context.propagation.ContextCompletableFuture;
import dev.logline.context.propagation.ContextExecutors;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The outbound side of a demo service that calls others: one HTTP client whose form POSTs carry the request's
 * trace, and a small worker pool. Owned by the service and closed with it; {@link #close()} stops the workers.
 */
public final class OutboundCalls implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService pool;
    private final ExecutorService workers;

    /** @param service names the worker threads ({@code <service>-worker-N}) */
    public OutboundCalls(String service) {
        this.pool = Executors.newFixedThreadPool(2, new NamedThreads(service + "-worker"));
        this.workers = ContextExecutors.wrap(pool);
    }

    /** Runs tasks in the submitting request's context: same trace_id, order_id and request event. */
    public ExecutorService workers() {
        return workers;
    }

    /**
     * The same threads without context wrapping, for stages of futures from {@link #postForm}, which already carry
     * the request's context.
     */
    public ExecutorService pool() {
        return pool;
    }

    /** The shared client, for calls that must not carry our trace headers (third parties). */
    public HttpClient http() {
        return http;
    }

    /** POSTs a form with the trace passed on; the answer's stages run in the caller's context. */
    public CompletableFuture<HttpResponse<String>> postForm(URI uri, Map<String, String> fields, Duration timeout) {
        var request = FormBody.post(HttpClientTracing.newBuilder(uri), fields).timeout(timeout).build();
        return ContextCompletableFuture.adopt(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
