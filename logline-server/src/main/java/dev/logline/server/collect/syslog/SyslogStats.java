package dev.logline.server.collect.syslog;

/**
 * What the syslog listener has done since it started; syslog senders get no answer, so these counts (and the
 * events it writes about rejections in its own stream) are the only place losses show.
 *
 * @param received  messages read off the wire
 * @param stored    events the sink reported durable
 * @param rejected  messages the sink refused (over a limit, a time the store does not take), or over the message
 *                  size when oversized messages are rejected rather than cut
 * @param dropped   events lost because the sink failed (after retries under backpressure)
 * @param oversized messages over {@code maxMessageBytes} (cut to it and stored, or rejected)
 * @param refused   TCP connections closed at once because the connection limit was reached
 */
public record SyslogStats(long received, long stored, long rejected, long dropped, long oversized, long refused) {
}
