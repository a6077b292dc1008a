package dev.logline.server.collect.syslog;

/**
 * What the syslog listener has done since it started; syslog senders get no answer, so these counts are the
 * only place losses show.
 *
 * @param received    messages read off the wire
 * @param stored      events the sink reported durable
 * @param dropped     events lost because the sink failed (after retries under backpressure)
 * @param oversized   messages dropped for exceeding the size limit
 * @param refused     TCP connections closed at once because the connection limit was reached
 */
public record SyslogStats(long received, long stored, long dropped, long oversized, long refused) {
}
