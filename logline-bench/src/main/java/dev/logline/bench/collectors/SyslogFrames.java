package dev.logline.bench.collectors;

import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.core.Timestamps;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A batch of events as RFC 5424 messages in octet-counting framing (RFC 6587), as rsyslog and syslog-ng forward
 * over TCP: facility local0, severity from the level, host, app-name = service, the message. Syslog has no place
 * for the other fields, so this format carries less than the others (which is its cost in practice too).
 */
final class SyslogFrames {

    private static final int LOCAL0 = 16;

    private SyslogFrames() {
    }

    static byte[] rfc5424OctetCounted(List<LogEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 200);
        for (LogEvent e : events) {
            String message = "<" + (LOCAL0 * 8 + severity(e.level())) + ">1 " + Timestamps.formatMicros(e.tsMicros())
                    + ' ' + nilIfAbsent(e.host()) + ' ' + nilIfAbsent(e.service()) + " - - - " + (e.msg() == null ? "" : e.msg());
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            out.writeBytes((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static String nilIfAbsent(String token) {
        return token == null || token.isEmpty() ? "-" : token.replace(' ', '_');
    }

    private static int severity(Level level) {
        return switch (level) {
            case TRACE, DEBUG -> 7;
            case INFO -> 6;
            case WARN -> 4;
            case ERROR -> 3;
            case FATAL -> 2;
        };
    }
}
