package dev.logline.store;

import dev.logline.core.LogEvent;

/**
 * An event as the store holds it: its id (stable, usable with {@link LogStore#around}) and its stored size in bytes
 * (the {@code _size} pseudo-field).
 */
public record StoredEvent(String id, LogEvent event, int sizeBytes) {
}
