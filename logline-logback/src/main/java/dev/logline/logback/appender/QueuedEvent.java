package dev.logline.logback.appender;

/**
 * One encoded event waiting to be sent.
 *
 * @param seq   the order it entered the queue in (per queue, strictly increasing)
 * @param level its severity rank, 0 (TRACE) to 4 (ERROR), so a full queue can drop the least severe first
 * @param line  the JSON line, newline included
 */
record QueuedEvent(long seq, int level, byte[] line) {
}
