package dev.logline.core;

/**
 * One step of a micro-process folded into a single event (LogTrace).
 *
 * @param tMs   milliseconds since the process started, from a monotonic clock
 * @param dtMs  milliseconds since the previous step
 * @param line  the source line that recorded the step, or 0 when unknown
 * @param msg   what happened
 */
public record Step(double tMs, double dtMs, int line, String msg) {
}
