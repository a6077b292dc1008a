package dev.logline.server;

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
 * @param queryTimeout      the time budget of one query
 * @param tailBufferEvents  events buffered per live-tail client before older ones are dropped with a notice
 */
public record ServerConfig(int port, String bindAddress, String defaultTenant, IngestLimits limits,
                           int defaultSearchLimit, int maxSearchLimit, int maxTraceEvents,
                           Duration queryTimeout, int tailBufferEvents) {

    /** The default port, 4680 ("LOG0" on a phone keypad, roughly). */
    public static final int DEFAULT_PORT = 4680;

    public ServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(defaultTenant, "defaultTenant");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        positive("defaultSearchLimit", defaultSearchLimit);
        positive("maxSearchLimit", maxSearchLimit);
        positive("maxTraceEvents", maxTraceEvents);
        positive("tailBufferEvents", tailBufferEvents);
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

    /** Port 4680 on 127.0.0.1, tenant {@code default}, {@link IngestLimits#defaults()}, pages of 100 (max 1000). */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_PORT, "127.0.0.1", "default", IngestLimits.defaults(),
                100, 1_000, 10_000, Duration.ofSeconds(30), 1_000);
    }

    public ServerConfig withPort(int v) {
        return new ServerConfig(v, bindAddress, defaultTenant, limits, defaultSearchLimit, maxSearchLimit,
                maxTraceEvents, queryTimeout, tailBufferEvents);
    }

    public ServerConfig withBindAddress(String v) {
        return new ServerConfig(port, v, defaultTenant, limits, defaultSearchLimit, maxSearchLimit,
                maxTraceEvents, queryTimeout, tailBufferEvents);
    }

    public ServerConfig withDefaultTenant(String v) {
        return new ServerConfig(port, bindAddress, v, limits, defaultSearchLimit, maxSearchLimit,
                maxTraceEvents, queryTimeout, tailBufferEvents);
    }

    public ServerConfig withLimits(IngestLimits v) {
        return new ServerConfig(port, bindAddress, defaultTenant, v, defaultSearchLimit, maxSearchLimit,
                maxTraceEvents, queryTimeout, tailBufferEvents);
    }

    public ServerConfig withSearchLimits(int defaultLimit, int maxLimit) {
        return new ServerConfig(port, bindAddress, defaultTenant, limits, defaultLimit, maxLimit,
                maxTraceEvents, queryTimeout, tailBufferEvents);
    }

    public ServerConfig withMaxTraceEvents(int v) {
        return new ServerConfig(port, bindAddress, defaultTenant, limits, defaultSearchLimit, maxSearchLimit,
                v, queryTimeout, tailBufferEvents);
    }

    public ServerConfig withQueryTimeout(Duration v) {
        return new ServerConfig(port, bindAddress, defaultTenant, limits, defaultSearchLimit, maxSearchLimit,
                maxTraceEvents, v, tailBufferEvents);
    }

    public ServerConfig withTailBufferEvents(int v) {
        return new ServerConfig(port, bindAddress, defaultTenant, limits, defaultSearchLimit, maxSearchLimit,
                maxTraceEvents, queryTimeout, v);
    }
}
