package dev.logline.logback.appender.transport;

import java.time.Duration;
import java.util.List;

/**
 * Delivers batches of encoded events somewhere (the Logline server, an OTLP endpoint, a Kafka topic). Used by one
 * sender thread at a time; never throws for delivery problems — they are {@link SendOutcome}s.
 */
public interface Transport extends AutoCloseable {

    /**
     * Sends one batch and reports what happened.
     *
     * @param lines   the events' JSON lines (each ending in a newline), oldest first
     * @param timeout how long the attempt may take at most
     */
    SendOutcome send(List<byte[]> lines, Duration timeout);

    /**
     * A cheap check, made while the receiver refuses connections, that it listens again (for HTTP a TCP connect,
     * no request), so spooled events go out as soon as it is back instead of after the next backoff step.
     * {@code false} when the transport cannot tell; the backoff then decides.
     */
    default boolean reachable(Duration timeout) {
        return false;
    }

    /** Where this transport sends, for status messages. */
    String describe();

    /** Releases connections and threads; the transport is not used afterwards. */
    @Override
    void close();
}
