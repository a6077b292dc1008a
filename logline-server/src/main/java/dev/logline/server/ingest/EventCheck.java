package dev.logline.server.ingest;

import dev.logline.core.LogEvent;

/** Decides whether one decoded event may be stored: why not, or {@code null} when it may. */
@FunctionalInterface
public interface EventCheck {

    /** @param eventBytes the event's size as received (its line or document) */
    String violation(LogEvent event, long eventBytes);
}
