package dev.logline.server.ingest;

/**
 * One item of a request that was not stored, and why.
 *
 * @param item  the 1-based line (NDJSON, bulk) or item (array, stream entry) number
 * @param error what was wrong, for the sender to read
 */
public record Rejection(int item, String error) {
}
