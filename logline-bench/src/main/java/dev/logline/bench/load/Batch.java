package dev.logline.bench.load;

/**
 * One request body of the load.
 *
 * @param body   the rendered events
 * @param events how many events it holds
 */
record Batch(byte[] body, int events) {
}
