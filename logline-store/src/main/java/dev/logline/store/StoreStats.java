package dev.logline.store;

/** Size and health of a store: events and bytes held, partitions, and how far indexing lags the log. */
public record StoreStats(long events, long bytesOnDisk, int partitions, long pendingEvents, long walBytes) {
}
