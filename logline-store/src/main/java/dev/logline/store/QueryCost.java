package dev.logline.store;

/** What a read cost: wall time, day partitions opened and events examined. */
public record QueryCost(long tookMs, int partitions, long eventsScanned) {
}
