package dev.logline.store.opensearch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.store.BackpressureException;
import dev.logline.store.RejectedEventsException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes events with the {@code _bulk} API. Each event is a {@code create} under its content id
 * ({@link EventIds}), so an event written again (a redelivered Kafka record, a retried request) finds itself
 * already there (409) and counts as stored: duplicates are removed by id. Items are handled one by one: refused
 * for load (429) or a node failure (5xx) they are sent again with backoff, refused by the mapping (the index's
 * field limit) they are sent again with only their core fields indexed; refused for good, they fail the write with a
 * {@link RejectedEventsException} naming them (the rest is stored, and stored once when written again). A write
 * completes once the cluster has acknowledged every item, which with {@code translog.durability: request} means
 * each is on disk on every copy.
 */
final class BulkWriter {

    private static final System.Logger LOG = System.getLogger(BulkWriter.class.getName());
    /** Attempts for an item the cluster refuses for load or a failing node, about half a minute in all. */
    private static final int MAX_ATTEMPTS = 8;
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;
    private static final String BULK_PATH = "/_bulk?filter_path=items.*.status,items.*.error.type,items.*.error.reason";

    private final OpenSearchHttp http;
    private final IndexNames names;
    private final OpenSearchStoreConfig config;
    private final ScheduledExecutorService timer;
    private final AtomicLong inFlight = new AtomicLong();
    /** The last refusal for load or unreachability, and until when new writes should wait (nanoTime). */
    private final AtomicReference<Refusal> lastRefusal = new AtomicReference<>();

    private record Refusal(String why, long untilNanos) {
    }

    /**
     * One event on its way: its position in the write, index, id and document, whether it was already sent in
     * core-only form, and where the write collects the events the cluster refuses for good.
     */
    private record Item(int position, String index, String hash, String tenant, LogEvent event, byte[] json,
                        boolean degraded, Map<Integer, String> refused) {
    }

    BulkWriter(OpenSearchHttp http, IndexNames names, OpenSearchStoreConfig config, ScheduledExecutorService timer) {
        this.http = http;
        this.names = names;
        this.config = config;
        this.timer = timer;
    }

    long inFlight() {
        return inFlight.get();
    }

    /** Why a write now should wait, or {@code null}. */
    BackpressureException backpressure() {
        long pending = inFlight.get();
        if (pending >= config.maxInFlightEvents()) {
            return new BackpressureException("OpenSearch has " + pending + " events in flight (limit "
                    + config.maxInFlightEvents() + "); retry shortly", Duration.ofSeconds(1));
        }
        Refusal r = lastRefusal.get();
        if (r != null && System.nanoTime() < r.untilNanos) {
            return new BackpressureException(r.why, Duration.ofSeconds(1));
        }
        return null;
    }

    CompletableFuture<Void> write(String tenant, List<LogEvent> events) {
        BackpressureException busy = backpressure();
        if (busy != null) {
            return CompletableFuture.failedFuture(busy);
        }
        List<Item> items = new ArrayList<>(events.size());
        Map<Integer, String> refused = new ConcurrentHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            LogEvent e = events.get(i);
            byte[] json = LogEventJson.toJsonBytes(e);
            items.add(new Item(i, names.index(tenant, e.tsMicros()), EventIds.hash(tenant, json), tenant, e, json,
                    false, refused));
        }
        inFlight.addAndGet(items.size());
        List<CompletableFuture<Void>> requests = new ArrayList<>();
        int from = 0;
        long bytes = 0;
        for (int i = 0; i < items.size(); i++) {
            bytes += items.get(i).json.length * 2L + 256;
            if (bytes >= config.bulkMaxBytes() || i == items.size() - 1) {
                requests.add(send(items.subList(from, i + 1), 1));
                from = i + 1;
                bytes = 0;
            }
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new));
        return all.whenComplete((ok, failed) -> inFlight.addAndGet(-items.size())).thenCompose(ok -> refused.isEmpty()
                // The rest is stored; writing it again (as callers do after a rejection) finds it there (409).
                ? CompletableFuture.<Void>completedFuture(null)
                : CompletableFuture.<Void>failedFuture(new RejectedEventsException(refused)));
    }

    /** Sends items; completes once all are stored, or fails when some cannot be. */
    private CompletableFuture<Void> send(List<Item> items, int attempt) {
        String body;
        try {
            body = body(items);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException(e));
        }
        return http.sendNdjsonAsync(BULK_PATH, body).handle((answer, failure) -> {
            if (failure != null) {
                ClusterException e = unwrap(failure);
                if (e.retriable() && attempt < MAX_ATTEMPTS) {
                    refused(e.status() == 429 ? "OpenSearch is refusing writes for load (429); retry shortly"
                            : "OpenSearch is unreachable or failing (" + e.getMessage() + "); retry shortly");
                    return later(items, attempt);
                }
                return CompletableFuture.<Void>failedFuture(e.status() == 429
                        ? new BackpressureException("OpenSearch refused the write for load: " + e.getMessage(),
                        Duration.ofSeconds(5)) : e);
            }
            return handleItems(items, answer.path("items"), attempt);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<Void> handleItems(List<Item> items, JsonNode answers, int attempt) {
        List<Item> again = new ArrayList<>();
        List<Item> degrade = new ArrayList<>();
        boolean overloaded = false;
        for (int i = 0; i < items.size(); i++) {
            JsonNode result = answers.path(i).elements().hasNext() ? answers.path(i).elements().next() : null;
            int status = result == null ? 0 : result.path("status").asInt();
            if (status == 201 || status == 200 || status == 409) {
                continue; // stored now, or already stored under the same content id
            }
            Item item = items.get(i);
            String type = result == null ? "no answer" : result.path("error").path("type").asText();
            String reason = result == null ? "" : result.path("error").path("reason").asText();
            if (status == 429 || status >= 500 || status == 0) {
                overloaded |= status == 429;
                again.add(item);
            } else if (status == 400 && !item.degraded) {
                // Over the index's field limit, or a value the mapping cannot take: keep the event, index its core.
                LOG.log(System.Logger.Level.WARNING, "OpenSearch refused an event's fields (" + type + ": " + reason
                        + "); storing it with only its core fields indexed, its other filters checked on the event");
                degrade.add(new Item(item.position, item.index, item.hash, item.tenant, item.event, item.json, true,
                        item.refused));
            } else {
                // Sending it again would be refused again: the event is rejected, the sender told why.
                item.refused.put(item.position, "OpenSearch refused the event (" + status + " " + type + ": " + reason
                        + ")");
            }
        }
        List<CompletableFuture<Void>> rest = new ArrayList<>();
        if (!degrade.isEmpty()) {
            rest.add(send(degrade, attempt));
        }
        if (!again.isEmpty()) {
            if (attempt >= MAX_ATTEMPTS) {
                String why = overloaded ? "OpenSearch kept refusing " + again.size() + " events for load"
                        : "OpenSearch kept failing to store " + again.size() + " events";
                return CompletableFuture.failedFuture(new BackpressureException(why + "; retry later",
                        Duration.ofSeconds(5)));
            }
            if (overloaded) {
                refused("OpenSearch is refusing writes for load (429); retry shortly");
            }
            rest.add(later(again, attempt));
        }
        return CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new));
    }

    private void refused(String why) {
        lastRefusal.set(new Refusal(why, System.nanoTime() + TimeUnit.SECONDS.toNanos(1)));
    }

    private CompletableFuture<Void> later(List<Item> items, int attempt) {
        long backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(attempt - 1, 10));
        long jittered = backoff / 2 + (long) (Math.random() * backoff / 2);
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            timer.schedule(() -> send(items, attempt + 1).whenComplete((ok, failed) -> {
                if (failed != null) {
                    done.completeExceptionally(failed);
                } else {
                    done.complete(null);
                }
            }), jittered, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            done.completeExceptionally(new IllegalStateException("the store is closed"));
        }
        return done;
    }

    private static ClusterException unwrap(Throwable t) {
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof ClusterException c ? c : new ClusterException(0, String.valueOf(t.getMessage()), t);
    }

    private static String body(List<Item> items) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(items.size() * 1024);
        long now = System.currentTimeMillis();
        try (JsonGenerator g = LogEventJson.FACTORY.createGenerator(out)) {
            for (Item item : items) {
                g.writeStartObject();
                g.writeObjectFieldStart("create");
                g.writeStringField("_index", item.index);
                g.writeStringField("_id", item.hash);
                g.writeEndObject();
                g.writeEndObject();
                g.writeRaw('\n');
                EventDocuments.write(g, item.tenant, item.event, item.json, item.hash, now, item.degraded);
                g.writeRaw('\n');
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
