package dev.logline.server.ingest;

import dev.logline.core.LogEvent;

/**
 * The step of the ingest path that removes secrets and personal data from an event before it is written (issue 15
 * brings the rules); every collector's events pass it after normalisation and limits, before the durable write.
 */
@FunctionalInterface
public interface EventRedactor {

    /** Keeps every event as it is. */
    EventRedactor NONE = (tenant, event) -> event;

    /** The event as it may be stored for {@code tenant}. */
    LogEvent redact(String tenant, LogEvent event);
}
