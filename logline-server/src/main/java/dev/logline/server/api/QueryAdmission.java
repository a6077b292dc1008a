package dev.logline.server.api;

import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.server.auth.Caller;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides whether a query may start now: at most {@code perCaller} running at once for one API key (or, without
 * auth, one client address), and {@code total} for the whole server. A caller over its share gets 429 and the
 * server over its total 503, both with Retry-After, before the query costs anything; so a client that fires many
 * costly queries slows only itself, and the threads and cores ingest needs stay free. Thread-safe.
 */
public final class QueryAdmission {

    private final int perCaller;
    private final int total;
    private final AtomicInteger running = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> byCaller = new ConcurrentHashMap<>();

    QueryAdmission(int perCaller, int total) {
        this.perCaller = perCaller;
        this.total = total;
    }

    /**
     * Takes a place for the request's query; close the slot when the query's answer is ready.
     *
     * @throws QueryRefusedException when the caller or the server already runs as many queries as allowed
     */
    Slot enter(ServiceRequestContext ctx) {
        String who = who(ctx);
        AtomicInteger mine = byCaller.computeIfAbsent(who, k -> new AtomicInteger());
        if (mine.incrementAndGet() > perCaller) {
            leave(who, mine);
            throw new QueryRefusedException(true, (who.startsWith("key ") ? "API key " + who.substring(4)
                    : "this client (" + who.substring(8) + ")") + " already runs " + perCaller
                    + (perCaller == 1 ? " query" : " queries") + " at once, the most allowed (query.max-per-key); "
                    + "wait for one to finish");
        }
        if (running.incrementAndGet() > total) {
            running.decrementAndGet();
            leave(who, mine);
            throw new QueryRefusedException(false, "the server already runs " + total + " queries at once, the "
                    + "most allowed (query.max-concurrent); try again shortly");
        }
        return () -> {
            running.decrementAndGet();
            leave(who, mine);
        };
    }

    /** Queries running now, for tests and metrics. */
    int running() {
        return running.get();
    }

    private void leave(String who, AtomicInteger mine) {
        if (mine.decrementAndGet() == 0) {
            byCaller.remove(who, mine); // a caller seen once is not remembered
        }
    }

    private static String who(ServiceRequestContext ctx) {
        Caller caller = Caller.of(ctx);
        if (caller != null) {
            return "key " + caller.keyId();
        }
        return "address " + (ctx.clientAddress() == null ? "?" : ctx.clientAddress().getHostAddress());
    }

    /** A running query's place; closing it twice is harmless only if done once, so close it exactly once. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
