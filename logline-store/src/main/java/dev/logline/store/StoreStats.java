package dev.logline.store;

/**
 * Size and health of a store: events and bytes held, partitions, how far indexing lags the log, and damaged parts
 * it set aside (0 for stores that have none to report).
 */
public record StoreStats(long events, long bytesOnDisk, int partitions, long pendingEvents, long walBytes,
                         long corruptParts) {

    public StoreStats(long events, long bytesOnDisk, int partitions, long pendingEvents, long walBytes) {
        this(events, bytesOnDisk, partitions, pendingEvents, walBytes, 0);
    }
}
