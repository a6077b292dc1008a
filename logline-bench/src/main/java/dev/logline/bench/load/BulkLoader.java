package dev.logline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logline.cli.progress.ProgressBar;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/**
 * The one load generator every system gets: a JDK {@link HttpClient} (HTTP/1.1 keep-alive), a fixed number of
 * sending threads, each posting the next batch as soon as its previous one was acknowledged. Backpressure
 * (429/503) is honoured with the server's {@code Retry-After} and the batch is sent again.
 */
final class BulkLoader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RETRIES_PER_BATCH = 200;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final int concurrency;

    BulkLoader(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.concurrency = concurrency;
    }

    /** Sends every batch to {@code uri} and waits for all acknowledgements, showing no progress. */
    LoadResult load(URI uri, String contentType, BatchStream batches, ToIntFunction<JsonNode> rejectedOf) {
        return load(uri, contentType, batches, rejectedOf, ProgressBar.none());
    }

    /**
     * Sends every batch to {@code uri} and waits for all acknowledgements.
     *
     * @param rejectedOf how many events of a batch a 2xx response says were rejected
     * @param progress   stepped by the events of each acknowledged batch (accepted or rejected)
     */
    LoadResult load(URI uri, String contentType, BatchStream batches, ToIntFunction<JsonNode> rejectedOf,
                    ProgressBar progress) {
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                running.add(senders.submit(() -> {
                    for (Optional<Batch> b = batches.next(); b.isPresent(); b = batches.next()) {
                        int rejected = send(uri, contentType, b.get(), requests, retries, rejectedOf);
                        acked.addAndGet(b.get().events() - rejected);
                        failed.addAndGet(rejected);
                        progress.step(b.get().events());
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading " + uri, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("loading " + uri + " failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            senders.shutdownNow();
        }
        return new LoadResult(acked.get(), failed.get(), requests.get(), retries.get(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private int send(URI uri, String contentType, Batch batch, AtomicLong requests, AtomicLong retries,
                     ToIntFunction<JsonNode> rejectedOf) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body()))
                .build();
        for (int attempt = 0; ; attempt++) {
            requests.incrementAndGet();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status / 100 == 2) {
                return rejectedOf.applyAsInt(JSON.readTree(response.body()));
            }
            if ((status == 429 || status == 503) && attempt < MAX_RETRIES_PER_BATCH) {
                retries.incrementAndGet();
                long waitMs = response.headers().firstValue("Retry-After")
                        .map(s -> Long.parseLong(s.trim()) * 1_000L).orElse(500L);
                Thread.sleep(Math.min(waitMs, 5_000L));
                continue;
            }
            String text = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
            throw new IOException("HTTP " + status + " from " + uri + ": " + text.substring(0, Math.min(500, text.length())));
        }
    }
}
