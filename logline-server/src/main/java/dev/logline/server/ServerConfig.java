package dev.logline.server;

import dev.logline.query.exec.QueryLimits;
import dev.logline.server.ingest.IngestLimits;

import java.time.Duration;
import java.util.Objects;

/**
 * Every setting of the HTTP server, with the defaults documented in {@code docs/CONFIG.md} ("Server").
 * Immutable; start from {@link #defaults()} and change what you need with the {@code with…} methods.
 *
 * @param port              TCP port; 0 picks a free one (read it from {@link LoglineServer#port()})
 * @param bindAddress       the address to listen on; loopback by default so a fresh server is not exposed
 * @param defaultTenant     the tenant of requests that name none
 * @param limits            what one request and one event may hold
 * @param defaultSearchLimit events per search page when the request names no {@code limit}
 * @param maxSearchLimit    the largest {@code limit} a search may ask for
 * @param maxTraceEvents    the most events a trace response holds
 * @param queryLimits       the bounds of one query: time, memory, groups, terms
 * @param tailBufferEvents  events buffered per live-tail client before older ones are dropped with a notice
 * @param maxQueriesPerKey  queries one API key (or, without auth, one client address) may run at once; more get 429
 * @param maxQueries        queries the server runs at once; more get 503, so ingest keeps threads and CPU
 */
public record ServerConfig(int port, String bindAddress, String defaultTenant, IngestLimits limits,
                           int defaultSearchLimit, int maxSearchLimit, int maxTraceEvents,
                           QueryLimits queryLimits, int tailBufferEvents, int maxQueriesPerKey, int maxQueries) {

    /** The default port, 4680 ("LOG0" on a phone keypad, roughly). */
    public static final int DEFAULT_PORT = 4680;

    public ServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(defaultTenant, "defaultTenant");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(queryLimits, "queryLimits");
        positive("defaultSearchLimit", defaultSearchLimit);
        positive("maxSearchLimit", maxSearchLimit);
        positive("maxTraceEvents", maxTraceEvents);
        positive("tailBufferEvents", tailBufferEvents);
        positive("maxQueriesPerKey", maxQueriesPerKey);
        positive("maxQueries", maxQueries);
        if (defaultSearchLimit > maxSearchLimit) {
            throw new IllegalArgumentException("defaultSearchLimit " + defaultSearchLimit
                    + " exceeds maxSearchLimit " + maxSearchLimit);
        }
    }

    static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /**
     * Port 4680 on 127.0.0.1, tenant {@code default}, {@link IngestLimits#defaults()}, pages of 100 (max 1000),
     * {@link QueryLimits#defaults()}, 4 queries at once per key and 2 per core (at least 4) in all.
     */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_PORT, "127.0.0.1", "default", IngestLimits.defaults(),
                100, 1_000, 10_000, QueryLimits.defaults(), 1_000, 4,
                Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
    }

    /** The time budget of one query. */
    public Duration queryTimeout() {
        return queryLimits.timeout();
    }

    public ServerConfig withPort(int v) {
        return new ServerConfig(v, bindAddress, defaultTenant, limits, defaultSearchLimit, maxSearchLimit,
                maxTraceEvents, queryLimits, tailBufferEvents, maxQueriesPerKey, maxQueries);
    }

    public ServerConfig withBindAddress(String v) {
        return new ServerConfig(port, v, defaultTenant, limits, defaultSearchLimit, maxSearchLimit,
                maxTraceEvents, queryLimits, tailBufferEvents, maxQueriesPerKey, maxQueries);
    }

    public ServerConfig withDefaultTenant(String v) {
        return new ServerConfig(port, bindAddress, v, limits, defaultSearchLimit, maxSearchLimit,
                maxTraceEvents, queryLimits, tailBufferEvents, maxQueriesPerKey, maxQueries);
    }

    public ServerConfig withLimits(IngestLimits v) {
        return new ServerConfig(port, bindAddress, defaultTenant, v, defaultSearchLimit, maxSearchLimit,
                maxTraceEvents, queryLimits, tailBufferEvents, maxQueriesPerKey, maxQueries);
    }

    public ServerConfig withSearchLimits(int defaultLimit, int maxLimit) {
        return new ServerConfig(port, bindAddress, defaultTenant, limits, defaultLimit, maxLimit,
                maxTraceEvents, queryLimits, tailBufferEvents, maxQueriesPerKey, maxQueries);
    }

    public ServerConfig withMaxTraceEvents(int v) {
        return new ServerConfig(port, bindAddress, defaultTenant, limits, defaultSearchLimit, maxSearchLimit,
                v, queryLimits, tailBufferEvents, maxQueriesPerKey, maxQueries);
    }

    public ServerConfig withQueryTimeout(Duration v) {
        return withQueryLimits(queryLimits.withTimeout(v));
    }

    public ServerConfig withQueryLimits(QueryLimits v) {
        return new ServerConfig(port, bindAddress, defaultTenant, limits, defaultSearchLimit, maxSearchLimit,
                maxTraceEvents, v, tailBufferEvents, maxQueriesPerKey, maxQueries);
    }

    /** Queries at once: {@code perKey} for one key (or address without auth), {@code total} for the server. */
    public ServerConfig withConcurrentQueries(int perKey, int total) {
        return new ServerConfig(port, bindAddress, defaultTenant, limits, defaultSearchLimit, maxSearchLimit,
                maxTraceEvents, queryLimits, tailBufferEvents, perKey, total);
    }

    public ServerConfig withTailBufferEvents(int v) {
        return new ServerConfig(port, bindAddress, defaultTenant, limits, defaultSearchLimit, maxSearchLimit,
                maxTraceEvents, queryLimits, v, maxQueriesPerKey, maxQueries);
    }
}
