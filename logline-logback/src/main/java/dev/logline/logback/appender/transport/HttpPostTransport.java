package dev.logline.logback.appender.transport;

import java.net.URI;

/**
 * The part every HTTP transport shares: one {@link HttpBatchPoster} aimed at a fixed path under the configured
 * base URL, described by that URL and closed with the transport. Subclasses only shape bodies and read answers.
 */
abstract class HttpPostTransport implements Transport {

    /** Posts this transport's batches; owned by the transport and closed with it. */
    protected final HttpBatchPoster poster;

    protected HttpPostTransport(TransportSettings settings, String path, String contentType, String threadName) {
        this.poster = new HttpBatchPoster(URI.create(settings.baseUrl() + path), settings, contentType, threadName);
    }

    @Override
    public boolean reachable(java.time.Duration timeout) {
        return poster.reachable(timeout);
    }

    @Override
    public String describe() {
        return poster.uri().toString();
    }

    @Override
    public void close() {
        poster.close();
    }
}
