package dev.logline.server.api;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponseWriter;
import dev.logline.query.filter.Filter;
import dev.logline.query.match.FilterMatcher;
import dev.logline.store.StoredEvent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One live-tail client: events from the store's subscription are filtered here, queued in a bounded buffer and
 * written to the client's Server-Sent-Events stream one chunk at a time, the next only after the previous was
 * consumed. A client that reads slower than events arrive loses the oldest buffered events and is told how many
 * with a {@code dropped} event, so memory per client never grows past the buffer.
 *
 * <p>{@link #offer} runs on a store thread and only queues; writing happens on the connection's event loop.
 */
final class TailSession {

    private static final int MAX_EVENTS_PER_CHUNK = 256;

    private final HttpResponseWriter out;
    private final Filter filter;
    private final int capacity;
    private final Executor eventLoop;

    // Guarded by "this".
    private final ArrayDeque<StoredEvent> buffer = new ArrayDeque<>();
    private long dropped;
    private boolean writing;
    private boolean closed;

    TailSession(HttpResponseWriter out, Filter filter, int capacity, Executor eventLoop) {
        this.out = out;
        this.filter = filter;
        this.capacity = capacity;
        this.eventLoop = eventLoop;
    }

    /** Takes a batch of newly searchable events (store thread; never blocks). */
    void offer(List<StoredEvent> events) {
        boolean added = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            for (StoredEvent e : events) {
                if (!FilterMatcher.matches(filter, e.event(), e.sizeBytes())) {
                    continue;
                }
                if (buffer.size() >= capacity) {
                    buffer.pollFirst(); // keep the newest: a tail is about now
                    dropped++;
                }
                buffer.addLast(e);
                added = true;
            }
        }
        if (added) {
            eventLoop.execute(this::drain);
        }
    }

    /** Sends a named event with a JSON payload outside the buffer (ready, heartbeat). */
    void send(String text) {
        eventLoop.execute(() -> {
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            out.tryWrite(HttpData.ofUtf8(text));
        });
    }

    void close() {
        synchronized (this) {
            closed = true;
            buffer.clear();
        }
    }

    private void drain() {
        byte[] chunk;
        synchronized (this) {
            if (writing || closed || (buffer.isEmpty() && dropped == 0)) {
                return;
            }
            ByteArrayOutputStream text = new ByteArrayOutputStream(4096);
            if (dropped > 0) {
                text.writeBytes(("event: dropped\ndata: {\"dropped\":" + dropped + ",\"reason\":\"the client read "
                        + "slower than events arrived; the oldest were dropped\"}\n\n").getBytes(StandardCharsets.UTF_8));
                dropped = 0;
            }
            for (int i = 0; i < MAX_EVENTS_PER_CHUNK && !buffer.isEmpty(); i++) {
                StoredEvent e = buffer.pollFirst();
                text.writeBytes(("id: " + e.id().replace('\n', ' ') + "\nevent: log\ndata: ").getBytes(StandardCharsets.UTF_8));
                text.writeBytes(dev.logline.server.http.JsonResponse.bytes(g -> EventWriter.write(g, e, null)));
                text.writeBytes("\n\n".getBytes(StandardCharsets.UTF_8));
            }
            chunk = text.toByteArray();
            writing = true;
        }
        if (!out.tryWrite(HttpData.wrap(chunk))) {
            close();
            return;
        }
        out.whenConsumed().thenRun(() -> eventLoop.execute(() -> {
            synchronized (this) {
                writing = false;
            }
            drain();
        }));
    }
}
