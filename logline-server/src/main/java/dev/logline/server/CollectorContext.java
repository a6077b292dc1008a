package dev.logline.server;

import dev.logline.server.ingest.EventSink;

/**
 * What a collector mounted with {@link LoglineServer.Builder#collector} is made from: the server's ingest sink, the
 * tenant of each request and the server's settings (for example {@code config().limits().maxRequestBytes()}).
 */
public record CollectorContext(EventSink sink, TenantResolver tenants, ServerConfig config) {
}
