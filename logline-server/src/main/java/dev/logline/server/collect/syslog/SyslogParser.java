package dev.logline.server.collect.syslog;

import dev.logline.core.LogEvent;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Reads one syslog message of either flavour into a {@link LogEvent}: RFC 5424 when a version follows the
 * PRI, RFC 3164 (BSD) otherwise.
 *
 * <p>Syslog senders cannot be told about a bad line, so no line is rejected: a message that breaks RFC 5424
 * is kept whole as the message, with {@code syslog_error} saying why. The PRI gives {@code facility}
 * (its keyword) and the level; a line without PRI is user.notice, as RFC 3164 relays assume.
 */
public final class SyslogParser {

    /** Attribute naming why a line did not parse as the syslog it claimed to be. */
    public static final String ERROR_ATTRIBUTE = "syslog_error";

    private final Clock clock;
    private final ZoneId zone;

    /**
     * @param clock the clock for times of receipt and RFC 3164 year inference
     * @param zone  the zone RFC 3164 timestamps (which carry none) are read in
     */
    public SyslogParser(Clock clock, ZoneId zone) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** A parser on the system clock reading RFC 3164 times as UTC. */
    public static SyslogParser utc() {
        return new SyslogParser(Clock.systemUTC(), ZoneId.of("UTC"));
    }

    /**
     * Parses one message (without its framing: no trailing newline, no octet count).
     *
     * @return the event, never {@code null}
     */
    public LogEvent parse(String line) {
        long received = LogEvent.toMicros(clock.instant());
        SyslogPriority.Parsed pri = SyslogPriority.parse(line);
        SyslogPriority priority = pri == null ? SyslogPriority.DEFAULT : pri.priority();
        int from = pri == null ? 0 : pri.end();
        LogEvent.Builder b = LogEvent.builder()
                .level(priority.level())
                .attribute("facility", priority.facilityName());
        if (pri != null && Rfc5424Parser.looksLike5424(line, from)) {
            try {
                LogEvent.Builder attempt = LogEvent.builder()
                        .level(priority.level())
                        .attribute("facility", priority.facilityName());
                Rfc5424Parser.parse(line, from, received, attempt);
                return attempt.build();
            } catch (IllegalArgumentException e) {
                return b.tsMicros(received).msg(line.substring(from)).attribute(ERROR_ATTRIBUTE, "RFC 5424: " + e.getMessage()).build();
            }
        }
        Rfc3164Parser.parse(line, from, received, clock.instant(), zone, b);
        return b.build();
    }
}
