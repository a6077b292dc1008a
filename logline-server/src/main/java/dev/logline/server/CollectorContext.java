package dev.logline.server;

import dev.logline.server.ingest.EventSink;

/**
 * What a collector mounted with {@link LoglineServer.Builder#collector} is made from: the server's ingest sink (the
 * one collector contract: admission, decoding within its limits, per-item outcome), the tenant of each request and
 * the server's settings. An HTTP collector usually serves through
 * {@link dev.logline.server.collect.HttpIngestExchange} with a protocol of its own.
 */
public record CollectorContext(EventSink sink, TenantResolver tenants, ServerConfig config) {
}
