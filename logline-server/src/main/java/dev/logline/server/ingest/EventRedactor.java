package dev.logline.server.ingest;

import dev.logline.core.LogEvent;
import dev.logline.core.redact.Redactor;

/**
 * The step of the ingest path that removes secrets and personal data from an event before it is written; every
 * collector's events pass it after normalisation and limits, before the durable write. The server runs the
 * {@link Redactor} of its redaction policy here (defence in depth for senders that do not redact themselves).
 */
@FunctionalInterface
public interface EventRedactor {

    /** Keeps every event as it is. */
    EventRedactor NONE = (tenant, event) -> event;

    /** The event as it may be stored for {@code tenant}. */
    LogEvent redact(String tenant, LogEvent event);

    /** The same engine for every tenant. */
    static EventRedactor of(Redactor redactor) {
        return redactor.active() ? (tenant, event) -> redactor.event(event) : NONE;
    }
}
