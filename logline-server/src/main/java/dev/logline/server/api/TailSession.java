package dev.logline.server.api;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponseWriter;
import dev.logline.query.filter.Filter;
import dev.logline.query.match.FilterMatcher;
import dev.logline.store.StoredEvent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One live-tail client: events from the store's subscription are filtered here, queued in a bounded buffer and
 * written to the client's Server-Sent-Events stream one chunk at a time, the next only after the previous was
 * consumed. A client that reads slower than events arrive loses the oldest buffered events and is told how many
 * with a {@code dropped} event, so memory per client never grows past the buffer.
 *
 * <p>{@link #offer} runs on a store thread and only queues; the filter runs on the filter executor (the blocking
 * executor: a costly regular expression must slow neither the store's flushes, and so ingest, nor an event loop),
 * one batch at a time; writing happens on the connection's event loop. Events waiting for the filter are bounded too
 * ({@link #PENDING_PER_BUFFERED} × the buffer): past that the oldest are dropped unfiltered and the client is told.
 */
final class TailSession {

    private static final int MAX_EVENTS_PER_CHUNK = 256;
    /** Unfiltered events held per buffered event at most, while the filter catches up. */
    static final int PENDING_PER_BUFFERED = 4;

    private final HttpResponseWriter out;
    private final Filter filter;
    private final int capacity;
    private final Executor eventLoop;
    private final Executor filterExecutor;

    // Guarded by "this".
    private final ArrayDeque<StoredEvent> pending = new ArrayDeque<>();
    private boolean filtering;
    private long unfilteredDropped;
    private final ArrayDeque<StoredEvent> buffer = new ArrayDeque<>();
    private long dropped;
    private boolean writing;
    private boolean closed;
    /** Set with {@code closed}, read without the lock by the filter between events so a gone client stops it. */
    private volatile boolean gone;

    /** A session that filters on the thread that offers (for tests that drive it by hand). */
    TailSession(HttpResponseWriter out, Filter filter, int capacity, Executor eventLoop) {
        this(out, filter, capacity, eventLoop, Runnable::run);
    }

    /** @param filterExecutor where the filter runs, one batch at a time (the server's blocking executor) */
    TailSession(HttpResponseWriter out, Filter filter, int capacity, Executor eventLoop, Executor filterExecutor) {
        this.out = out;
        this.filter = filter;
        this.capacity = capacity;
        this.eventLoop = eventLoop;
        this.filterExecutor = filterExecutor;
    }

    /** Takes a batch of newly searchable events (store thread; never blocks, never filters). */
    void offer(List<StoredEvent> events) {
        boolean start;
        synchronized (this) {
            if (closed) {
                return;
            }
            for (StoredEvent e : events) {
                if (pending.size() >= PENDING_PER_BUFFERED * capacity) {
                    pending.pollFirst(); // keep the newest: a tail is about now
                    unfilteredDropped++;
                }
                pending.addLast(e);
            }
            start = !filtering && !pending.isEmpty();
            filtering |= start;
        }
        if (start) {
            filterExecutor.execute(this::filterPending);
        }
    }

    /** Filters what waits, batch after batch, until nothing does; the costly part runs outside the lock. */
    private void filterPending() {
        while (true) {
            StoredEvent[] batch;
            synchronized (this) {
                if (closed || pending.isEmpty()) {
                    filtering = false;
                    return;
                }
                batch = pending.toArray(new StoredEvent[0]);
                pending.clear();
            }
            List<StoredEvent> matched = new ArrayList<>();
            for (StoredEvent e : batch) {
                if (gone) {
                    return;
                }
                if (FilterMatcher.matches(filter, e.event(), e.sizeBytes())) {
                    matched.add(e);
                }
            }
            boolean news;
            synchronized (this) {
                for (StoredEvent e : matched) {
                    if (buffer.size() >= capacity) {
                        buffer.pollFirst();
                        dropped++;
                    }
                    buffer.addLast(e);
                }
                news = !matched.isEmpty() || unfilteredDropped > 0;
            }
            if (news) {
                eventLoop.execute(this::drain);
            }
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
            gone = true;
            buffer.clear();
            pending.clear();
        }
    }

    private void drain() {
        byte[] chunk;
        synchronized (this) {
            if (writing || closed || (buffer.isEmpty() && dropped == 0 && unfilteredDropped == 0)) {
                return;
            }
            ByteArrayOutputStream text = new ByteArrayOutputStream(4096);
            if (unfilteredDropped > 0) {
                text.writeBytes(("event: dropped\ndata: {\"dropped\":" + unfilteredDropped + ",\"reason\":\"the tail's "
                        + "filter ran slower than events arrived; the oldest were dropped before being filtered (some "
                        + "may not have matched)\"}\n\n").getBytes(StandardCharsets.UTF_8));
                unfilteredDropped = 0;
            }
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
